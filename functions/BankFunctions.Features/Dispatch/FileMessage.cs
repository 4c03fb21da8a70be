using System.Text.Json;
using BankFunctions.Features.Http;

namespace BankFunctions.Features.Dispatch;

/// <summary>The payments-dispatch and payments-status message: one bank file of one tenant.</summary>
public sealed record FileMessage(string TenantId, string FileId, int Poll = 0)
{
    public string ToJson() => JsonSerializer.Serialize(this, ApiJson.Options);

    public static FileMessage Parse(string json) => JsonSerializer.Deserialize<FileMessage>(json, ApiJson.Options)
        ?? throw new JsonException("empty file message");
}
