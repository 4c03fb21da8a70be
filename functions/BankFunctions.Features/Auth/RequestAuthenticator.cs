using System.Security.Cryptography;
using System.Text;
using Azure;
using BankFunctions.Features.Http;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Auth;

/// <summary>
/// Resolves the bearer key of a request and checks it against a route's <see cref="Access"/>: missing or unknown
/// or revoked key → 401, known key without the role → 403 (API.md).
/// </summary>
public sealed class RequestAuthenticator(StorageClients storage, OperatorOptions operatorOptions, ApiKeyCache cache)
{
    public async Task<Caller?> AuthenticateAsync(HttpContext context, Access access, CancellationToken cancellationToken)
    {
        if (access is AnonymousAccess)
        {
            return null;
        }
        var presented = BearerToken(context.Request);
        if (presented is null)
        {
            throw new ProblemException(Problem.Unauthenticated("Send an API key as 'Authorization: Bearer <key>'."));
        }

        if (IsOperatorKey(presented))
        {
            return access is OperatorAccess
                ? Caller.Operator
                : throw new ProblemException(Problem.Forbidden("The operator key is for /v1/admin routes only."));
        }

        var key = await FindTenantKeyAsync(presented, cancellationToken)
            ?? throw new ProblemException(Problem.Unauthenticated("The API key is not valid or has been revoked."));
        var roles = Roles.Parse(key.Roles);
        return access switch
        {
            OperatorAccess => throw new ProblemException(Problem.Forbidden("This route needs the platform operator key.")),
            TenantAccess t when !roles.HasFlag(t.Role) =>
                throw new ProblemException(Problem.Forbidden($"This route needs the '{Roles.Format(t.Role)}' role.")),
            _ => new Caller(false, key.TenantId, key.KeyId, roles),
        };
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var token = header[scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    private bool IsOperatorKey(string presented) =>
        operatorOptions.ApiKey.Length > 0 &&
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(operatorOptions.ApiKey)));

    private async Task<ApiKeyRow?> FindTenantKeyAsync(string presented, CancellationToken cancellationToken)
    {
        if (!ApiKeyFormat.TryParse(presented, out var keyId, out var secret))
        {
            return null;
        }
        if (cache.TryGet(keyId, out var cached))
        {
            return cached.RevokedAt is null && ApiKeyFormat.HashMatches(secret, cached.SecretHash) ? cached : null;
        }
        try
        {
            var row = await storage.Table(TableNames.ApiKeys).GetEntityIfExistsAsync<ApiKeyRow>(
                TableKeys.ApiKeyLookupPartition(keyId), TableKeys.ApiKeyLookupRow, cancellationToken: cancellationToken);
            if (!row.HasValue || row.Value is null)
            {
                return null;
            }
            var key = row.Value;
            cache.Set(key);
            return key.RevokedAt is null && ApiKeyFormat.HashMatches(secret, key.SecretHash) ? key : null;
        }
        catch (RequestFailedException e) when (e.Status == 400)
        {
            // A key id that is not a valid table key cannot exist.
            return null;
        }
    }
}
