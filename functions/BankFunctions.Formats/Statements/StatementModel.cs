namespace BankFunctions.Formats.Statements;

/// <summary>Everything read from one statement file: the statements in file order and file-level warnings.</summary>
public sealed record ParseResult
{
    public required string Format { get; init; }
    public required IReadOnlyList<Statement> Statements { get; init; }
    public IReadOnlyList<StatementWarning> Warnings { get; init; } = [];
}

/// <summary>
/// One account statement, report or notification normalised across MT940/MT942/camt/CMB (API.md "Statement data").
/// Amounts are signed: debit negative.
/// </summary>
public sealed record Statement
{
    public string? Account { get; init; }
    public string? Currency { get; init; }
    public required string Kind { get; init; }
    public string? Id { get; init; }
    public string? Sequence { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public StatementBalance? OpeningBalance { get; init; }
    public StatementBalance? ClosingBalance { get; init; }
    public IReadOnlyList<StatementBalance> Balances { get; init; } = [];
    public IReadOnlyList<StatementEntry> Entries { get; init; } = [];
    /// <summary>Number of entries read (equals Entries.Count unless entries were streamed out, see StatementParseOptions).</summary>
    public int EntryCount { get; init; }
    /// <summary>MT942 :34F: floor limits: entries below them are not reported.</summary>
    public FloorLimits? FloorLimits { get; init; }
    /// <summary>When the bank created the report or statement (MT942 :13D:/:13:).</summary>
    public DateTimeOffset? CreatedAt { get; init; }
    /// <summary>Statement-level free text (MT940 :86: after :62F:, camt AddtlStmtInf).</summary>
    public string? AdditionalInformation { get; init; }
    public IReadOnlyList<StatementWarning> Warnings { get; init; } = [];
}

/// <summary>A balance of a given type: camt Bal/Tp/CdOrPrtry/Cd (OPBD, PRCD, CLBD, ITBD, CLAV, FWAV…) or the MT tag it came from.</summary>
public sealed record StatementBalance
{
    public required string Type { get; init; }
    public required decimal Value { get; init; }
    public string? Currency { get; init; }
    public DateOnly? Date { get; init; }
}

/// <summary>
/// MT942 :34F: floor limit indicator: only debit (credit) entries of at least this amount are reported; 0 means every
/// entry. One :34F: without a D/C mark sets both.
/// </summary>
public sealed record FloorLimits
{
    public string? Currency { get; init; }
    public decimal? Debit { get; init; }
    public decimal? Credit { get; init; }
}

public sealed record Counterparty
{
    public string? Name { get; init; }
    public string? Account { get; init; }
    public string? Bank { get; init; }
}

public static class EntryStatus
{
    public const string Booked = "booked";
    public const string Pending = "pending";
}

public sealed record StatementEntry
{
    public required decimal Amount { get; init; }
    public string? Currency { get; init; }
    public DateOnly? BookingDate { get; init; }
    public DateOnly? ValueDate { get; init; }
    public required string Status { get; init; }
    public string? BankReference { get; init; }
    public string? EndToEndId { get; init; }
    public string? Uetr { get; init; }
    public string? CustomerReference { get; init; }
    public Counterparty? Counterparty { get; init; }
    public string? RemittanceInformation { get; init; }
    public string? BankTransactionCode { get; init; }
    public bool IsReversal { get; init; }
    public string? ReturnInfo { get; init; }
    /// <summary>MT940 :61: funds code (third character of the currency code), when present.</summary>
    public string? FundsCode { get; init; }
    /// <summary>MT940 :61: supplementary details line (34x).</summary>
    public string? SupplementaryDetails { get; init; }
    /// <summary>The raw MT940 :86: text or camt AddtlNtryInf, as given.</summary>
    public string? AdditionalInformation { get; init; }
    public IReadOnlyList<EntryDetail> Details { get; init; } = [];
}

/// <summary>One camt TxDtls of an entry (a batch booking has several, each with its own amount and references).</summary>
public sealed record EntryDetail
{
    public decimal? Amount { get; init; }
    public string? Currency { get; init; }
    public string? BankReference { get; init; }
    public string? EndToEndId { get; init; }
    public string? Uetr { get; init; }
    public string? CustomerReference { get; init; }
    public Counterparty? Counterparty { get; init; }
    public string? RemittanceInformation { get; init; }
    public string? BankTransactionCode { get; init; }
    public string? ReturnInfo { get; init; }
}

public static class StatementKinds
{
    public const string Camt053 = "camt.053";
    public const string Camt052 = "camt.052";
    public const string Camt054 = "camt.054";
    public const string Mt940 = "mt940";
    public const string Mt942 = "mt942";
    public const string Cmb = "cmb";
}
