using System.Text.Json;
using BankFunctions.Features.Http;

namespace BankFunctions.Features.Dispatch;

/// <summary>
/// The payments-dispatch and payments-status message: one bank file of one tenant. <paramref name="NotBefore"/>: when a
/// status poll is due. Storage Queues delay visibility in whole seconds only (the service takes an integer; the SDK
/// truncates 250 ms to 0), so the first polls, a fraction of a second apart, would otherwise run back to back; the
/// handler waits out the remainder itself.
/// </summary>
public sealed record FileMessage(string TenantId, string FileId, int Poll = 0, DateTimeOffset? NotBefore = null)
{
    /// <summary>Longest wait a handler does in place of the queue's delay (the rest is whole seconds the queue can express).</summary>
    public static readonly TimeSpan MaxInPlaceWait = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// The part of <paramref name="delay"/> the queue can express: whole seconds, rounded down (Azurite rounds a
    /// fractional visibility up, which made a 250 ms poll a 1 s poll); the handler waits the rest until NotBefore.
    /// </summary>
    public static TimeSpan QueueDelay(TimeSpan delay) => TimeSpan.FromSeconds(Math.Floor(delay.TotalSeconds));

    public string ToJson() => JsonSerializer.Serialize(this, ApiJson.Options);

    public static FileMessage Parse(string json) => JsonSerializer.Deserialize<FileMessage>(json, ApiJson.Options)
        ?? throw new JsonException("empty file message");
}
