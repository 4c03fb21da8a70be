using BankFunctions.Banks.Resilience;

namespace BankFunctions.Banks.Adapters.Cmb;

/// <summary>Everything that differs between CMB-style cloud direct-connect banks, as data (STYLE rule 6).</summary>
public sealed class CmbCloudOptions
{
    public string BankId { get; set; } = "";

    public Uri BaseUrl { get; set; } = new("http://localhost:5080/");

    /// <summary>The single POST endpoint (BANKS.md §B: /cmb).</summary>
    public string Path { get; set; } = "cmb";

    public BankResilienceOptions Resilience { get; set; } = new();

    /// <summary>head.resultcode of a successful call.</summary>
    public string SuccessResultCode { get; set; } = "SUC0000";

    /// <summary>业务参考号重复: the yurref was already used (BANKS.md §B).</summary>
    public string DuplicateReferenceCode { get; set; } = "NCB4241";

    /// <summary>DCSIGREC's answer for a transaction the bank does not know (yet): the receipt is asked for again later.</summary>
    public string ReceiptNotReadyCode { get; set; } = "CSRC001";

    /// <summary>ISO 4217 → the bank's ccyNbr.</summary>
    public IReadOnlyDictionary<string, string> CurrencyCodes { get; set; } = new Dictionary<string, string> { ["CNY"] = "10" };

    /// <summary>busCod/busMod of single and batch payments (支付).</summary>
    public string PaymentBusCod { get; set; } = "N02030";

    public string PaymentBusMod { get; set; } = "S0000";

    /// <summary>nusAge of a payroll batch, and trsDsp of a line without its own remittance text.</summary>
    public string PayrollPurpose { get; set; } = "代发工资";

    public IReadOnlyList<BankCapability> Capabilities { get; set; } =
    [
        BankCapability.Payments, BankCapability.BatchPayments, BankCapability.Payroll, BankCapability.StatusQuery,
        BankCapability.Balances, BankCapability.Statements, BankCapability.EReceipts,
    ];
}
