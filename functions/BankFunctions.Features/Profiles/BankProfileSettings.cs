using System.Globalization;
using BankFunctions.Banks;
using BankFunctions.Domain.Calendar;
using BankFunctions.Features.Health;

namespace BankFunctions.Features.Profiles;

/// <summary>
/// A bank profile as configuration writes it (<c>Banks__&lt;id&gt;__Protocol</c> …), beside the bank's endpoint settings
/// (<see cref="BankEndpoint"/>) in the same section. <see cref="ToProfile"/> checks it and names the bad setting.
/// </summary>
public sealed class BankProfileSettings
{
    public string? DisplayName { get; set; }
    /// <summary>The adapter family, by its name (<see cref="BankFamilies"/>).</summary>
    public string? Protocol { get; set; }
    /// <summary>IANA time zone id of the bank, e.g. Europe/Berlin: "today" and the cut-off are the bank's.</summary>
    public string? TimeZone { get; set; }
    /// <summary>Local time (HH:mm) after which a payment for today is executed on the next business day; none: no cut-off.</summary>
    public string? CutOff { get; set; }
    /// <summary>Days of the week the bank executes payments; default Monday–Friday.</summary>
    public string[]? BusinessDays { get; set; }
    /// <summary>Bank holidays (yyyy-MM-dd): no execution on these days.</summary>
    public string[]? Holidays { get; set; }
    /// <summary>ISO 4217 codes accounts at this bank may hold; none: any.</summary>
    public string[]? Currencies { get; set; }
    /// <summary>What the adapter may do for this bank (Payments, BatchPayments, Payroll, StatusQuery, Balances, Statements, EReceipts); none: all its family offers.</summary>
    public string[]? Capabilities { get; set; }
    /// <summary>SepaLatin, LatinExtended or Cjk (<see cref="PartyCharset"/>).</summary>
    public string? Charset { get; set; }
    /// <summary>Iban or DomesticCnaps (<see cref="AccountScheme"/>).</summary>
    public string? AccountScheme { get; set; }

    /// <summary>The checked profile; throws naming the first bad setting (<c>Banks__&lt;setting&gt;__…</c>).</summary>
    public BankProfile ToProfile(string id, string settingName, BankEndpoint endpoint)
    {
        string Name(string field) => $"Banks__{settingName}__{field}";
        var family = BankFamilies.Find(Protocol)
            ?? throw new InvalidOperationException($"{Name(nameof(Protocol))} must be one of {string.Join(", ", BankFamilies.All.Select(f => f.Name))} (is \"{Protocol}\").");
        var charset = Required<PartyCharset>(Charset, Name(nameof(Charset)));
        var accounts = Required<AccountScheme>(AccountScheme, Name(nameof(AccountScheme)));
        if (string.IsNullOrWhiteSpace(TimeZone))
        {
            throw new InvalidOperationException($"{Name(nameof(TimeZone))} is required: the bank's IANA time zone, e.g. Europe/Berlin.");
        }
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidOperationException($"{Name(nameof(TimeZone))} \"{TimeZone}\" is not a known time zone.", e);
        }
        TimeOnly? cutOff = null;
        if (!string.IsNullOrWhiteSpace(CutOff))
        {
            cutOff = TimeOnly.TryParseExact(CutOff, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"{Name(nameof(CutOff))} must be a local time as HH:mm (is \"{CutOff}\").");
        }
        var days = BusinessDays is { Length: > 0 }
            ? BusinessDays.Select((d, i) => Required<DayOfWeek>(d, Name($"{nameof(BusinessDays)}__{i}"))).ToHashSet()
            : BusinessCalendar.Weekdays;
        var holidays = (Holidays ?? []).Select((d, i) =>
            DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day
                : throw new InvalidOperationException($"{Name($"{nameof(Holidays)}__{i}")} must be a date as yyyy-MM-dd (is \"{d}\").")).ToHashSet();
        var currencies = (Currencies ?? []).Select((c, i) => BankFunctions.Domain.Currency.Find(c) is { } currency
            ? currency.Code
            : throw new InvalidOperationException($"{Name($"{nameof(Currencies)}__{i}")} must be an ISO 4217 currency code (is \"{c}\").")).ToHashSet(StringComparer.Ordinal);
        var capabilities = Capabilities is { Length: > 0 }
            ? Capabilities.Select((c, i) => Required<BankCapability>(c, Name($"{nameof(Capabilities)}__{i}"))).Distinct().ToList()
            : null;
        return new BankProfile(id, string.IsNullOrWhiteSpace(DisplayName) ? id : DisplayName.Trim(), family,
            new BusinessCalendar(zone, cutOff, days, holidays), currencies, capabilities, charset, accounts, endpoint);
    }

    private static T Required<T>(string? value, string setting) where T : struct, Enum =>
        !string.IsNullOrWhiteSpace(value) && !int.TryParse(value, out _) && Enum.TryParse<T>(value, ignoreCase: true, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"{setting} must be one of {string.Join(", ", Enum.GetNames<T>())} (is \"{value}\").");
}
