using System.Text.Json;
using BankFunctions.Features.Http;

namespace BankFunctions.Features.Statements;

/// <summary>The statements-pull message: pull everything new for one account. <paramref name="Reason"/>: schedule | refresh.</summary>
public sealed record PullMessage(string TenantId, string AccountId, string Reason)
{
    public string ToJson() => JsonSerializer.Serialize(this, ApiJson.Options);

    public static PullMessage Parse(string json) => JsonSerializer.Deserialize<PullMessage>(json, ApiJson.Options)
        ?? throw new JsonException("empty statements-pull message");
}
