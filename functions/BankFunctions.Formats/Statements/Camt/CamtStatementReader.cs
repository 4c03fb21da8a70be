using System.Xml;
using System.Xml.Linq;

namespace BankFunctions.Formats.Statements.Camt;

/// <summary>Reads one Stmt/Rpt/Ntfctn child by child (each Ntry is loaded alone, then released).</summary>
internal sealed class CamtStatementReader
{
    private readonly CamtElements _x;
    private readonly CamtEntryReader _entries;
    private readonly string _kind;
    private readonly string _file;
    private readonly StatementParseOptions _options;

    public CamtStatementReader(CamtElements elements, string kind, string file, StatementParseOptions options)
    {
        _options = options;
        _x = elements;
        _entries = new CamtEntryReader(elements);
        _kind = kind;
        _file = file;
    }

    public Statement Read(XmlReader reader, string path)
    {
        var warnings = new List<string>();
        var balances = new List<StatementBalance>();
        var entries = new EntryCollector(_options);
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
                var element = (XElement)XNode.ReadFrom(reader);
                switch (element.Name.LocalName)
                {
                    case "Id":
                        id = element.Value.Trim();
                        break;
                    case "ElctrncSeqNb":
                        sequence = element.Value.Trim();
                        break;
                    case "LglSeqNb":
                        sequence ??= element.Value.Trim();
                        break;
                    case "FrToDt":
                        from = _x.Text(element, "FrDtTm");
                        to = _x.Text(element, "ToDtTm");
                        break;
                    case "Acct":
                        account = _x.AccountId(element);
                        currency = _x.Text(element, "Ccy");
                        break;
                    case "Bal":
                        balances.Add(ReadBalance(element, $"{where}/Bal[{balances.Count + 1}] (line {line})", warnings));
                        break;
                    case "Ntry":
                        var entry = _entries.Read(element, $"{where}/Ntry[{entries.Count + 1}] (line {line})", warnings);
                        if (currency is not null && entry.Currency is not null && entry.Currency != currency)
                        {
                            warnings.Add($"{where}/Ntry[{entries.Count + 1}]: amount {entry.Amount} {entry.Currency} is not in the account currency {currency}");
                        }
                        entries.Add(entry);
                        break;
                    case "AddtlStmtInf" or "AddtlRptInf" or "AddtlNtfctnInf":
                        information = element.Value.Trim();
                        break;
                }
            }
            reader.Read();
        }
        else
        {
            reader.Read();
        }

        currency ??= balances.FirstOrDefault()?.Currency ?? entries.FirstCurrency;
        var opening = balances.FirstOrDefault(b => b.Type == "OPBD") ?? balances.FirstOrDefault(b => b.Type == "PRCD");
        var closing = balances.FirstOrDefault(b => b.Type == "CLBD");
        if (BalanceCheck.Check(opening, closing, entries.BookedSum) is { } mismatch)
        {
            warnings.Add($"{where}: {mismatch}");
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

    private StatementBalance ReadBalance(XElement bal, string path, List<string> warnings)
    {
        var type = _x.Text(bal, "Tp", "CdOrPrtry", "Cd") ?? _x.Text(bal, "Tp", "CdOrPrtry", "Prtry")
            ?? throw new StatementFormatException($"{path}: expected Tp/CdOrPrtry/Cd (balance type such as OPBD or CLBD), none found");
        var amount = _x.Amount(_x.Child(bal, "Amt"), () => path + "/Amt")
            ?? throw new StatementFormatException($"{path}: expected element Amt (balance amount), none found");
        var isCredit = _x.IsCredit(bal, () => path)
            ?? throw new StatementFormatException($"{path}: expected element CdtDbtInd (CRDT or DBIT), none found");
        return new StatementBalance
        {
            Type = type,
            Value = isCredit ? amount.Value : -amount.Value,
            Currency = amount.Currency,
            Date = _x.Date(_x.Child(bal, "Dt"), () => path + "/Dt", warnings),
        };
    }
}
