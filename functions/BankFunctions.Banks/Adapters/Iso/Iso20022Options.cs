using BankFunctions.Banks.Resilience;

namespace BankFunctions.Banks.Adapters.Iso;

/// <summary>Everything that differs between ISO 20022-over-HTTPS banks, as data (STYLE rule 6).</summary>
public sealed class Iso20022Options
{
    public string BankId { get; set; } = "";

    public Uri BaseUrl { get; set; } = new("http://localhost:5080/");

    /// <summary>Route prefix of the bank's API (BANKS.md §A: /iso/v1).</summary>
    public string PathPrefix { get; set; } = "iso/v1";

    public BankResilienceOptions Resilience { get; set; } = new();

    /// <summary>Which statement feed to pull: camt.053 (statements), camt.052 (reports), camt.054 (notifications), mt940.</summary>
    public string StatementKind { get; set; } = "camt.053";

    /// <summary>Days fetched per statement pull for date-ranged feeds; the cursor carries the next day.</summary>
    public int MaxDaysPerPull { get; set; } = 7;

    public IReadOnlyList<BankCapability> Capabilities { get; set; } =
    [
        BankCapability.Payments, BankCapability.BatchPayments, BankCapability.Payroll,
        BankCapability.StatusQuery, BankCapability.Statements, BankCapability.EReceipts,
    ];
}
