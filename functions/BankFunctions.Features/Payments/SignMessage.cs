using System.Text.Json;
using BankFunctions.Features.Http;

namespace BankFunctions.Features.Payments;

/// <summary>The payments-sign queue message: approved work of one tenant (a single payment or a whole batch).</summary>
public sealed record SignMessage(string TenantId, string? PaymentId, string? BatchId)
{
    public string ToJson() => JsonSerializer.Serialize(this, ApiJson.Options);

    public static SignMessage Parse(string json) => JsonSerializer.Deserialize<SignMessage>(json, ApiJson.Options)
        ?? throw new JsonException("empty sign message");
}
