namespace BankSim.Sim;

/// <summary>
/// Each bank keeps its books in its own time zone, as real banks do: a booking at 01:00 in Shanghai belongs to that
/// Shanghai day even though it is still the previous day in UTC. Statements, detail queries and "today" follow it.
/// </summary>
public static class BankDays
{
    private static readonly Dictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal)
    {
        ["simbank-iso"] = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
        ["simbank-cmb"] = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
    };

    public static DateTimeOffset Local(string bank, DateTimeOffset at) =>
        Zones.TryGetValue(bank, out var zone) ? TimeZoneInfo.ConvertTime(at, zone) : at.ToUniversalTime();

    public static DateOnly Day(string bank, DateTimeOffset at) => DateOnly.FromDateTime(Local(bank, at).DateTime);
}
