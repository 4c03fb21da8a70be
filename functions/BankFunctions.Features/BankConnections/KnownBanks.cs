namespace BankFunctions.Features.BankConnections;

/// <summary>How the gateway talks to a bank: which protocol family, hence which credentials a connection needs.</summary>
public enum BankProtocol
{
    /// <summary>ISO 20022 over HTTPS with a detached RSA/EC signature (BANKS.md §A).</summary>
    Iso20022,
    /// <summary>CMB-style cloud direct connect: SM2 signature, SM4 encryption (BANKS.md §B).</summary>
    CmbCloud,
}

/// <summary>The banks this deployment can connect to. Bank differences are data here, not branches elsewhere.</summary>
public static class KnownBanks
{
    public static readonly IReadOnlyDictionary<string, BankProtocol> All = new Dictionary<string, BankProtocol>(StringComparer.Ordinal)
    {
        ["simbank-iso"] = BankProtocol.Iso20022,
        ["simbank-cmb"] = BankProtocol.CmbCloud,
    };

    /// <summary>The bank's own time zone: "today" for execution dates is the bank's business day.</summary>
    private static readonly IReadOnlyDictionary<string, string> TimeZones = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["simbank-iso"] = "Europe/Berlin",
        ["simbank-cmb"] = "Asia/Shanghai",
    };

    public static DateOnly Today(string bank, DateTimeOffset now)
    {
        var zone = TimeZones.TryGetValue(bank, out var id) ? TimeZoneInfo.FindSystemTimeZoneById(id) : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
    }
}
