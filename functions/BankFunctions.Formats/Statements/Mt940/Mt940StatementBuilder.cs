namespace BankFunctions.Formats.Statements.Mt940;

/// <summary>Collects the fields of one MT940/MT942 message (:20: up to the next :20:) into a <see cref="Statement"/>.</summary>
internal sealed class Mt940StatementBuilder
{
    private readonly string _file;
    private readonly string _envelopeKind;
    private readonly List<StatementBalance> _balances = [];
    private readonly EntryCollector _entries;
    private readonly StatementParseOptions _options;
    private OncePerStatement? _once; // made on the first deviation repeated per entry: most statements have none
    private StatementEntry? _entryAwaitingInformation;
    private StatementEntry? _entryBeforeInformation; // the :61: alone, for reading repeated :86: fields again as one
    private FieldLines? _repeatedInformation;
    private string? _account;
    private string? _currency;
    private string? _sequence;
    private string? _information;
    private StatementBalance? _opening;
    private StatementBalance? _closing;
    private bool _looksLikeMt942;
    private (int Count, decimal Sum)? _debitTotals;
    private (int Count, decimal Sum)? _creditTotals;
    private readonly Mt942Fields _mt942 = new();

    /// <param name="statementIndex">The statement's place in the file (0-based), handed out with each entry.</param>
    public Mt940StatementBuilder(string file, string envelopeKind, StatementParseOptions options, int statementIndex)
    {
        _entries = new EntryCollector(options, statementIndex);
        _options = options;
        _file = file;
        _envelopeKind = envelopeKind;
    }

    public string? Id { get; init; }

    private OncePerStatement Once => _once ??= new OncePerStatement(Warnings, _options);
    public List<StatementWarning> Warnings { get; } = [];
    public bool WarnedLatin1 { get; set; }

    public void Apply(string tag, FieldLines lines, FieldLocation where)
    {
        var first = lines[0];
        if (tag is not ("61" or "86"))
        {
            FlushEntry();
        }
        switch (tag)
        {
            case "21":
                break;
            case "25":
                if (_account is not null)
                {
                    Warnings.Add(StatementWarningCodes.AccountRepeated, $"{where}: second :25: account field in one statement ignored (kept '{_account}')");
                    break;
                }
                _account = first.Trim().ToString();
                break;
            case "28":
            case "28C":
                _sequence = first.Trim().ToString();
                break;
            case "60F":
            case "60M":
                _opening = ReadBalance(tag, first, where, required: true)!;
                break;
            case "62F":
            case "62M":
                _closing = ReadBalance(tag, first, where, required: true)!;
                break;
            case "64":
            case "65":
                ReadBalance(tag, first, where, required: false);
                break;
            case "61":
                FlushEntry();
                _entryAwaitingInformation = Mt940EntryReader.Read(lines, where, _currency, Warnings, out var transactionTypeMissing);
                if (transactionTypeMissing)
                {
                    Once.Tolerate(StatementWarningCodes.EntryTransactionTypeMissing, $"{where}: no transaction type and no customer reference before the bank reference '//'; read without them");
                }
                _entryBeforeInformation = _entryAwaitingInformation;
                break;
            case "86" when _entryAwaitingInformation is not null && !ReferenceEquals(_entryAwaitingInformation, _entryBeforeInformation):
                ApplyRepeatedInformation(lines, where);
                break;
            case "86":
                // The entry stays open after its :86:, in case a further :86: continues it; the next other field ends it.
                ApplyInformation(lines);
                break;
            case "13":
            case "13D":
                _looksLikeMt942 = true;
                _mt942.ReadDateTime(tag, first, where, Warnings);
                break;
            case "34F":
                _looksLikeMt942 = true;
                var floorCurrency = _mt942.ReadFloorLimit(first, where, Warnings);
                _currency ??= floorCurrency;
                break;
            case "90D":
            case "90C":
                _looksLikeMt942 = true;
                ReadTotals(tag, first, where);
                break;
            default:
                Warnings.Add(StatementWarningCodes.FieldUnknown, $"{where}: unknown field ignored");
                break;
        }
    }

    private void ApplyInformation(FieldLines lines)
    {
        if (_entryAwaitingInformation is null)
        {
            var text = lines.Joined().ToString();
            _information = _information is null ? text : _information + "\n" + text;
            return;
        }
        var info = InformationToAccountOwner.Parse(lines);
        var entry = _entryAwaitingInformation;
        _entryAwaitingInformation = entry with
        {
            RemittanceInformation = info.RemittanceInformation,
            EndToEndId = info.EndToEndId,
            CustomerReference = entry.CustomerReference ?? info.CustomerReference,
            ReturnInfo = info.ReturnInfo,
            Counterparty = info.Counterparty,
            AdditionalInformation = lines.Joined().ToString(),
        };
    }

    /// <summary>
    /// Danske Bank and Rabobank write one :86: field per line of information (":86:name", ":86:IBAN", …). The :86:
    /// format allows one field of up to 6 lines per :61:, so the fields are read as that one field's lines.
    /// </summary>
    private void ApplyRepeatedInformation(FieldLines lines, FieldLocation where)
    {
        Once.Tolerate(StatementWarningCodes.EntryInformationRepeated, $"{where}: a further :86: after the same :61:; read as lines of one :86:");
        var combined = _repeatedInformation ??= new FieldLines();
        combined.Clear();
        foreach (var line in (_entryAwaitingInformation!.AdditionalInformation ?? "").Split('\n'))
        {
            combined.Add(line);
        }
        for (var i = 0; i < lines.Count; i++)
        {
            combined.Add(lines[i]);
        }
        _entryAwaitingInformation = _entryBeforeInformation;
        ApplyInformation(combined);
    }

    /// <summary>An entry is complete once the field after its :61: and :86: has been read.</summary>
    private void FlushEntry()
    {
        if (_entryAwaitingInformation is { } entry)
        {
            _entryAwaitingInformation = null;
            _entryBeforeInformation = null;
            if (entry.Currency is null && _currency is not null)
            {
                entry = entry with { Currency = _currency };
            }
            // An MT942 reports the day's bookings so far; the day's MT940/camt.053 books them (API.md "Stored once").
            _entries.Add(IsMt942 ? entry with { Status = EntryStatus.Pending } : entry);
        }
    }

    private StatementBalance? ReadBalance(string tag, ReadOnlySpan<char> text, FieldLocation where, bool required)
    {
        // 1!a6!n3!a15d: D/C mark, YYMMDD, currency, amount.
        var value = text.Trim();
        decimal? amount = null;
        DateOnly? date = null;
        var currency = value.Length >= 10 ? ShortStrings.Get(value.Slice(7, 3)) : null;
        if (value.Length >= 8 && value[0] is 'C' or 'D')
        {
            date = StatementDates.ParseYyMmDd(value.Slice(1, 6), Warnings, where);
            if (currency is not null && IsCurrency(currency))
            {
                amount = SwiftAmount.Parse(value[10..], Warnings, where);
            }
            else if (_currency is not null && value.Length > 7 && char.IsAsciiDigit(value[7]))
            {
                // Some FinTS exports drop the currency from :62M: (C020315105000,00); the statement currency is known.
                amount = SwiftAmount.Parse(value[7..], Warnings, where);
                Warnings.Add(StatementWarningCodes.BalanceCurrencyMissing, $"{where}: balance has no currency; statement currency {_currency} assumed");
                currency = _currency;
            }
        }
        if (amount is null || date is null || currency is null)
        {
            var expected = $"expected D/C mark, date YYMMDD, currency and amount with decimal comma (e.g. C240312EUR1234,56), found '{value}'";
            if (required)
            {
                throw new StatementFormatException($"{where}: {expected}");
            }
            Warnings.Add(StatementWarningCodes.BalanceUnreadable, $"{where}: unreadable balance ignored: {expected}");
            return null;
        }
        if (_currency is null)
        {
            _currency = currency;
        }
        else if (_currency != currency)
        {
            Warnings.Add(StatementWarningCodes.CurrencyMismatch, $"{where}: currency {currency} differs from the statement currency {_currency}");
        }
        var balance = new StatementBalance { Type = tag, Value = value[0] == 'D' ? -amount.Value : amount.Value, Currency = currency, Date = date };
        _balances.Add(balance);
        return balance;
    }

    private void ReadTotals(string tag, ReadOnlySpan<char> text, FieldLocation where)
    {
        // 5n3!a15d: number of entries, currency, sum.
        var value = text.Trim();
        var digits = 0;
        while (digits < value.Length && char.IsAsciiDigit(value[digits]))
        {
            digits++;
        }
        var amount = digits is > 0 and <= 5 && value.Length > digits + 3 ? SwiftAmount.Parse(value[(digits + 3)..]) : null;
        if (amount is null)
        {
            Warnings.Add(StatementWarningCodes.TotalsUnreadable, $"{where}: unreadable totals ignored: expected count, currency and amount (e.g. 3EUR120,00), found '{value}'");
            return;
        }
        var count = int.Parse(value[..digits], System.Globalization.CultureInfo.InvariantCulture);
        if (tag == "90D") _debitTotals = (count, amount.Value);
        else _creditTotals = (count, amount.Value);
    }

    private static bool IsCurrency(ReadOnlySpan<char> code) =>
        code.Length == 3 && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]) && char.IsAsciiLetterUpper(code[2]);

    /// <summary>An MT942 by its envelope, or by its :34F:/:13D:/:90D:/:90C: fields (which precede :61:) and no opening balance.</summary>
    private bool IsMt942 => _envelopeKind == StatementKinds.Mt942 || (_looksLikeMt942 && _opening is null);

    public Statement Build()
    {
        var kind = IsMt942 ? StatementKinds.Mt942 : StatementKinds.Mt940;
        FlushEntry();
        if (kind == StatementKinds.Mt940 && _opening is not null && _closing is null)
        {
            Warnings.Add(StatementWarningCodes.BalanceClosingMissing, $"{_file}: statement {Id}: no closing balance :62F:/:62M:");
        }
        if (BalanceCheck.Check(_opening, _closing, _entries.BookedSum) is { } mismatch)
        {
            Warnings.Add(StatementWarningCodes.BalanceMismatch, $"{_file}: statement {Id}: {mismatch}");
        }
        CheckTotals();
        return new Statement
        {
            Account = AccountIdentification.WithoutCurrency(_account, _currency),
            Currency = _currency,
            Kind = kind,
            Id = Id,
            Sequence = _sequence,
            From = _opening?.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            To = _closing?.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            OpeningBalance = _opening,
            ClosingBalance = _closing,
            Balances = _balances,
            Entries = _entries.Entries,
            EntryCount = _entries.Count,
            AdditionalInformation = _information,
            FloorLimits = _mt942.FloorLimits,
            CreatedAt = _mt942.CreatedAt,
            Warnings = Warnings,
        };
    }

    private void CheckTotals()
    {
        // MT942 :90D:/:90C: state how many debit/credit entries the report holds and their sum.
        if (_debitTotals is { } debit && (_entries.DebitCount != debit.Count || _entries.DebitSum != debit.Sum))
        {
            Warnings.Add(StatementWarningCodes.TotalsMismatch, $"{_file}: statement {Id}: :90D: says {debit.Count} debits totalling {debit.Sum}, entries have {_entries.DebitCount} totalling {_entries.DebitSum}");
        }
        if (_creditTotals is { } credit && (_entries.CreditCount != credit.Count || _entries.CreditSum != credit.Sum))
        {
            Warnings.Add(StatementWarningCodes.TotalsMismatch, $"{_file}: statement {Id}: :90C: says {credit.Count} credits totalling {credit.Sum}, entries have {_entries.CreditCount} totalling {_entries.CreditSum}");
        }
    }
}
