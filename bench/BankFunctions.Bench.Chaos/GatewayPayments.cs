using System.Net.Http.Json;
using System.Text.Json;

namespace BankFunctions.Bench.Chaos;

/// <summary>A payment as the gateway reports it, reduced to what the benchmark checks.</summary>
public sealed record PaymentState(string Id, string? BatchId, string Status, string Currency, string BankReference,
    DateTimeOffset CreatedAt, IReadOnlyList<(string Status, DateTimeOffset At)> History)
{
    public static readonly IReadOnlySet<string> Terminal = new HashSet<string>(StringComparer.Ordinal)
    {
        "completed", "rejected", "returned", "failed", "cancelled", "needs_attention",
    };

    public bool IsTerminal => Terminal.Contains(Status);

    /// <summary>The bank this payment went to (one account per currency in the bench tenant).</summary>
    public string Bank => Currency == "EUR" ? "simbank-iso" : "simbank-cmb";

    public static PaymentState From(JsonElement p) => new(
        p.GetProperty("id").GetString()!,
        p.TryGetProperty("batchId", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null,
        p.GetProperty("status").GetString()!,
        p.GetProperty("amount").GetProperty("currency").GetString()!,
        p.GetProperty("bankReference").GetString()!,
        p.GetProperty("createdAt").GetDateTimeOffset(),
        p.GetProperty("statusHistory").EnumerateArray().Select(h => (h.GetProperty("status").GetString()!, h.GetProperty("at").GetDateTimeOffset())).ToList());
}

/// <summary>Reads every payment of the tenant through GET /v1/payments (500 a page), as a client would.</summary>
public static class GatewayPayments
{
    public static async Task<List<PaymentState>> AllAsync(HttpClient viewer)
    {
        var all = new List<PaymentState>();
        string? cursor = null;
        do
        {
            var page = await viewer.GetFromJsonAsync<JsonElement>("v1/payments?limit=500" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            all.AddRange(page.GetProperty("items").EnumerateArray().Select(PaymentState.From));
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
        return all;
    }
}
