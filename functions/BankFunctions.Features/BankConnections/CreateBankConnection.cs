using BankFunctions.Storage.Guard;
using Azure.Data.Tables;
using BankFunctions.Banks;
using BankFunctions.Banks.Signing;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;
using BankFunctions.Domain.Ids;

namespace BankFunctions.Features.BankConnections;

/// <summary>
/// POST /v1/bank-connections (admin): connect the tenant to one bank. The gateway creates the signing key and
/// returns its public key, which the tenant registers with the bank (API.md).
/// </summary>
public sealed class CreateBankConnection(StorageClients storage, IBankKeyProvisioner keys, Profiles.BankProfiles profiles, TimeProvider clock, AuditRows audit) : IHttpHandler
{
    public sealed record Request(string? Bank, string? CustomerId, string? Uid, string? Sm4Key, string? SignatureAlgorithm);

    public sealed record Decision(string Bank, string? CustomerId, string? Uid, byte[]? Sm4Key, string Algorithm, SigningKeyKind KeyKind);

    /// <summary>The connection a request asks for; what credentials it takes is the bank's adapter family's.</summary>
    public static Decision Decide(Request request, Profiles.BankProfiles profiles)
    {
        var v = new Validation();
        if (profiles.Find(request.Bank) is not { } profile)
        {
            v.Add("bank", $"must be one of {string.Join(", ", profiles.Ids)}.");
            v.ThrowIfInvalid();
            throw new InvalidOperationException();
        }
        var check = profile.Family.CheckCredentials(new CredentialsRequest(request.CustomerId, request.Uid, request.Sm4Key, request.SignatureAlgorithm), request.Bank!);
        foreach (var error in check.Errors)
        {
            v.Add(error.Field, error.Message);
        }
        v.ThrowIfInvalid();
        var c = check.Credentials!;
        return new Decision(profile.Id, c.CustomerId, c.Uid, c.SymmetricKey, c.Algorithm, c.KeyKind);
    }

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var decision = Decide(await JsonBody.ReadAsync<Request>(context, cancellationToken), profiles);
        var id = TimeOrderedId.New("bc_", clock.GetUtcNow());
        var key = await keys.CreateSigningKeyAsync($"{tenantId}-{id}".Replace('_', '-'), decision.KeyKind, cancellationToken);
        string? secretName = null;
        if (decision.Sm4Key is { } sm4)
        {
            secretName = $"{tenantId}-{id}-sm4".Replace('_', '-');
            await keys.StoreSecretAsync(secretName, sm4, cancellationToken);
        }
        var now = clock.GetUtcNow();
        var row = new BankConnectionRow
        {
            PartitionKey = TableKeys.TenantPartition(tenantId),
            RowKey = TableKeys.BankConnectionRow(id),
            ConnectionId = id,
            Bank = decision.Bank,
            CustomerId = decision.CustomerId,
            Uid = decision.Uid,
            SigningKeyId = key.KeyId,
            SignatureAlgorithm = decision.Algorithm,
            PublicKeyPem = key.PublicKeyPem,
            Sm4KeySecretName = secretName,
            CreatedAt = now,
        };
        var view = BankConnectionView.From(row);
        await storage.Table(TableNames.TenantData).SubmitCheckedAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, row),
                new TableTransactionAction(TableTransactionActionType.Add, audit.Row(tenantId, caller, "bank-connection.created", id, null, view, now)),
            ],
            cancellationToken);
        return Results.Json(view, ApiJson.Options, statusCode: 201);
    }
}

public sealed record BankConnectionView(
    string Id, string Bank, string? CustomerId, string? Uid, string KeyId, string SignatureAlgorithm,
    string? PublicKeyPem, string? Sm2PublicKeyPem, DateTimeOffset CreatedAt)
{
    public static BankConnectionView From(BankConnectionRow row)
    {
        var sm2 = row.SignatureAlgorithm == "SM2";
        return new(row.ConnectionId, row.Bank, row.CustomerId, row.Uid, row.SigningKeyId, row.SignatureAlgorithm,
            sm2 ? null : row.PublicKeyPem, sm2 ? row.PublicKeyPem : null, row.CreatedAt);
    }
}
