namespace BankFunctions.Formats.Statements;

/// <summary>
/// Every warning a statement reader can raise, one code per deviation. docs/statement-warnings.md describes each (a
/// convention test keeps the two in step); the codes are part of the API (import responses, /statement-warnings).
/// </summary>
public static class StatementWarningCodes
{
    // Balances and totals
    public const string BalanceMismatch = "balance.mismatch";
    public const string BalanceClosingMissing = "balance.closing_missing";
    public const string BalanceUnreadable = "balance.unreadable";
    public const string BalanceCurrencyMissing = "balance.currency_missing";
    public const string BalanceRunningMismatch = "balance.running_mismatch";
    public const string BalanceNotDerived = "balance.not_derived";
    public const string TotalsUnreadable = "totals.unreadable";
    public const string TotalsMismatch = "totals.mismatch";
    public const string FloorLimitUnreadable = "mt942.floor_limit_unreadable";
    public const string BalanceIndicatorMissing = "balance.indicator_missing";

    // Amounts, currencies and dates
    public const string AmountNotSwiftForm = "amount.not_swift_form";
    public const string AmountSignFromIndicator = "amount.sign_from_indicator";
    public const string AmountCurrencyMissing = "amount.currency_missing";
    public const string CurrencyMismatch = "currency.mismatch";
    public const string DateInvalid = "date.invalid";
    public const string DateUnreadable = "date.unreadable";
    public const string EntryDateFromValueDate = "entry.booking_date_from_value_date";

    // Entries
    public const string EntryStatusUnknown = "entry.status_unknown";
    public const string EntryTransactionType = "entry.transaction_type";
    public const string EntryTransactionTypeMissing = "entry.transaction_type_missing";
    public const string EntryLineContinued = "entry.line_continued";
    public const string EntryStatusMissing = "entry.status_missing";
    public const string EntryStatusRepeated = "entry.status_repeated";
    public const string EntryInformationRepeated = "entry.information_repeated";

    // Text and structure
    public const string EncodingLatin1 = "encoding.latin1";
    public const string EncodingLatin1DeclaredUtf8 = "encoding.latin1_declared_utf8";
    public const string ByteOrderMark = "text.byte_order_mark";
    public const string TextAfterMessageEnd = "text.after_message_end";
    public const string ControlCharacter = "text.control_character";
    public const string FieldUnknown = "field.unknown";
    public const string FieldOutsideStatement = "field.outside_statement";
    public const string AccountRepeated = "statement.account_repeated";
    public const string ReferenceMissing = "statement.reference_missing";
    public const string NoTransactions = "statement.no_transactions";
    public const string NamespaceUnknown = "camt.namespace_unknown";

    /// <summary>All codes, for the catalogue check.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(StatementWarningCodes).GetFields()
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();
}
