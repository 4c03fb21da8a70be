using System.Collections.Concurrent;
using Azure.Core;

namespace BankFunctions.Banks.Tests.Fakes;

/// <summary>Hands out a fixed token and records which scopes were asked for.</summary>
public sealed class FakeTokenCredential : TokenCredential
{
    public const string Token = "fake-token-3f9a";

    public ConcurrentQueue<string> Scopes { get; } = new();

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        foreach (var scope in requestContext.Scopes)
        {
            Scopes.Enqueue(scope);
        }
        return new AccessToken(Token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
