using System.Text.Json;
using BankFunctions.Features.Http;

namespace BankFunctions.Features.Payments;

public sealed record StatusChange(string Status, DateTimeOffset At, string? Reason = null, string? BankCode = null);

/// <summary>statusHistory, stored as a JSON array on the row.</summary>
public static class StatusHistory
{
    public static IReadOnlyList<StatusChange> Read(string json) =>
        JsonSerializer.Deserialize<List<StatusChange>>(json, ApiJson.Options) ?? [];

    public static string Append(string json, StatusChange change)
    {
        var list = JsonSerializer.Deserialize<List<StatusChange>>(json, ApiJson.Options) ?? [];
        list.Add(change);
        return JsonSerializer.Serialize(list, ApiJson.Options);
    }

    public static string Start(StatusChange change) => JsonSerializer.Serialize(new[] { change }, ApiJson.Options);
}
