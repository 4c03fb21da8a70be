using System.Xml;

namespace BankFunctions.Formats.Statements.Camt;

/// <summary>Reads one Stmt/Rpt/Ntfctn child by child (each Ntry is loaded alone into the reused tree, then read).</summary>
internal sealed class CamtStatementReader
{
    private const int Child = 0; // the statement child loaded in the tree
    private readonly CamtElements _x;
    private readonly CamtSubtree _t;
    private readonly CamtEntryReader _entries;
    private readonly string _kind;
    private readonly string _file;
    private readonly StatementParseOptions _options;

    public CamtStatementReader(CamtElements elements, string kind, string file, StatementParseOptions options)
    {
        _options = options;
        _x = elements;
        _t = elements.Tree;
        _entries = new CamtEntryReader(elements);
        _kind = kind;
        _file = file;
    }

    /// <param name="index">The statement's place in the file (0-based), handed out with each entry.</param>
    public Statement Read(XmlReader reader, string path, int index)
    {
        var warnings = new List<StatementWarning>();
        var balances = new List<StatementBalance>();
        List<(int Index, string Place)>? unsigned = null; // balances without CdtDbtInd, signed at the end
        var entries = new EntryCollector(_options, index);
        var once = new OncePerStatement(warnings, _options);
        string? id = null, sequence = null, from = null, to = null, account = null, currency = null, information = null;
        var depth = reader.Depth;
        var lineInfo = reader as IXmlLineInfo;
        var where = $"{_file}: {path}";

        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth) && !reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }
                var line = lineInfo?.LineNumber ?? 0;
                // Every child is loaded whole (not skipped) so that malformed XML inside it is reported the same way.
                _t.Load(reader);
                switch (_t.RootName)
                {
                    case "Id":
                        id = _t.Trimmed(Child).ToString();
                        break;
                    case "ElctrncSeqNb":
                        sequence = _t.Trimmed(Child).ToString();
                        break;
                    case "LglSeqNb":
                        sequence ??= _t.Trimmed(Child).ToString();
                        break;
                    case "FrToDt":
                        from = _t.Text(Child, "FrDtTm");
                        to = _t.Text(Child, "ToDtTm");
                        break;
                    case "Acct":
                        account = _x.AccountId(Child);
                        currency = _t.Text(Child, "Ccy");
                        break;
                    case "Bal":
                        var at = new CamtLocation(where, "Bal", balances.Count + 1, line);
                        var (balance, hasIndicator) = ReadBalance(at, currency ?? BalanceCurrency(balances), warnings);
                        if (!hasIndicator)
                        {
                            StatementWarningList.RefuseWhenStrict(_options, StatementWarningCodes.BalanceIndicatorMissing, $"{at}: expected element CdtDbtInd (CRDT or DBIT), none found");
                            (unsigned ??= []).Add((balances.Count, $"Bal[{balances.Count + 1}]"));
                        }
                        balances.Add(balance);
                        break;
                    case "Ntry":
                        var entry = _entries.Read(new CamtLocation(where, "Ntry", entries.Count + 1, line), currency ?? BalanceCurrency(balances), warnings, once);
                        if (currency is not null && entry.Currency is not null && entry.Currency != currency)
                        {
                            warnings.Add(StatementWarningCodes.CurrencyMismatch, $"{where}/Ntry[{entries.Count + 1}]: amount {entry.Amount} {entry.Currency} is not in the account currency {currency}");
                        }
                        entries.Add(entry);
                        break;
                    case "AddtlStmtInf" or "AddtlRptInf" or "AddtlNtfctnInf":
                        information = _t.Trimmed(Child).ToString();
                        break;
                }
            }
            reader.Read();
        }
        else
        {
            reader.Read();
        }

        if (unsigned is not null)
        {
            warnings.Add(StatementWarningCodes.BalanceIndicatorMissing, CamtBalanceSigns.Decide(balances, unsigned, entries.BookedSum, where));
        }
        currency ??= balances.FirstOrDefault()?.Currency ?? entries.FirstCurrency;
        var opening = balances.FirstOrDefault(b => b.Type == "OPBD") ?? balances.FirstOrDefault(b => b.Type == "PRCD");
        var closing = balances.FirstOrDefault(b => b.Type == "CLBD");
        if (BalanceCheck.Check(opening, closing, entries.BookedSum) is { } mismatch)
        {
            warnings.Add(StatementWarningCodes.BalanceMismatch, $"{where}: {mismatch}");
        }
        return new Statement
        {
            Account = account,
            Currency = currency,
            Kind = _kind,
            Id = id,
            Sequence = sequence,
            From = from,
            To = to,
            OpeningBalance = opening,
            ClosingBalance = closing,
            Balances = balances,
            Entries = entries.Entries,
            EntryCount = entries.Count,
            AdditionalInformation = information,
            Warnings = warnings,
        };
    }

    /// <summary>The currency of the first balance that names one: the account's currency when Acct/Ccy is absent.</summary>
    private static string? BalanceCurrency(List<StatementBalance> balances)
    {
        foreach (var balance in balances)
        {
            if (balance.Currency is not null)
            {
                return balance.Currency;
            }
        }
        return null;
    }

    /// <summary>The balance, read as a credit when it has no CdtDbtInd (the caller decides its sign later).</summary>
    private (StatementBalance Balance, bool HasIndicator) ReadBalance(CamtLocation at, string? accountCurrency, List<StatementWarning> warnings)
    {
        var type = _t.Text(Child, "Tp", "CdOrPrtry", "Cd") ?? _t.Text(Child, "Tp", "CdOrPrtry", "Prtry")
            ?? throw new StatementFormatException($"{at}: expected Tp/CdOrPrtry/Cd (balance type such as OPBD or CLBD), none found");
        var amount = _x.Amount(_t.Child(Child, "Amt"), at, "/Amt", accountCurrency, out var currencyAssumed)
            ?? throw new StatementFormatException($"{at}: expected element Amt (balance amount), none found");
        if (currencyAssumed)
        {
            warnings.Tolerate(_options, StatementWarningCodes.AmountCurrencyMissing, CamtElements.CurrencyAssumed(at, "/Amt", amount.Currency));
        }
        var isCredit = _x.IsCredit(Child, at);
        var balance = new StatementBalance
        {
            Type = type,
            Value = isCredit is false ? -amount.Value : amount.Value,
            Currency = amount.Currency,
            Date = _x.Date(_t.Child(Child, "Dt"), at, "/Dt", warnings),
        };
        return (balance, isCredit is not null);
    }
}
