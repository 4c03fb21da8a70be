using System.Globalization;
using System.Xml.Linq;

namespace BankFunctions.Formats.Statements.Camt;

/// <summary>Small readers for the camt building blocks shared by Stmt, Rpt and Ntfctn (namespace-bound).</summary>
internal sealed class CamtElements
{
    private readonly XNamespace _ns;

    public CamtElements(XNamespace ns) => _ns = ns;

    public XElement? Child(XElement? parent, params string[] path)
    {
        var current = parent;
        foreach (var name in path)
        {
            current = current?.Element(_ns + name);
            if (current is null)
            {
                return null;
            }
        }
        return current;
    }

    public IEnumerable<XElement> Children(XElement parent, string name) => parent.Elements(_ns + name);

    public string? Text(XElement? parent, params string[] path)
    {
        var value = Child(parent, path)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Amt with its Ccy attribute (ActiveOrHistoricCurrencyAndAmount); null when absent, throws when unreadable.</summary>
    public (decimal Value, string? Currency)? Amount(XElement? amountElement, Func<string> where)
    {
        if (amountElement is null)
        {
            return null;
        }
        var text = amountElement.Value.Trim();
        if (text.Length == 0 || text.Length > 40 || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw new StatementFormatException($"{where()}: expected a decimal amount (digits with '.' decimal point, no sign), found '{Truncate(text)}'");
        }
        return (value, amountElement.Attribute("Ccy")?.Value);
    }

    /// <summary>CdtDbtInd: CRDT or DBIT. Null when absent.</summary>
    public bool? IsCredit(XElement parent, Func<string> where)
    {
        var indicator = Text(parent, "CdtDbtInd");
        return indicator switch
        {
            null => null,
            "CRDT" => true,
            "DBIT" => false,
            _ => throw new StatementFormatException($"{where()}/CdtDbtInd: expected CRDT or DBIT, found '{Truncate(indicator)}'"),
        };
    }

    /// <summary>DateAndDateTimeChoice: Dt (yyyy-MM-dd) or DtTm (ISO date-time; its calendar date is taken).</summary>
    public DateOnly? Date(XElement? choice, Func<string> where, List<string> warnings)
    {
        var text = Text(choice, "Dt") ?? Text(choice, "DtTm");
        if (text is null)
        {
            return null;
        }
        if (text.Length >= 10 && DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        warnings.Add($"{where()}: unreadable date '{Truncate(text)}' ignored");
        return null;
    }

    /// <summary>BkTxCd: Domn/Cd-Fmly/Cd-Fmly/SubFmlyCd (e.g. PMNT-RCDT-ESCT), else Prtry/Cd.</summary>
    public string? BankTransactionCode(XElement? parent)
    {
        var code = Child(parent, "BkTxCd");
        if (code is null)
        {
            return null;
        }
        var domain = Text(code, "Domn", "Cd");
        if (domain is not null)
        {
            var family = Text(code, "Domn", "Fmly", "Cd");
            var sub = Text(code, "Domn", "Fmly", "SubFmlyCd");
            return string.Join("-", new[] { domain, family, sub }.Where(s => s is not null));
        }
        return Text(code, "Prtry", "Cd");
    }

    /// <summary>Account identification: Id/IBAN, else Id/Othr/Id.</summary>
    public string? AccountId(XElement? account) => Text(account, "Id", "IBAN") ?? Text(account, "Id", "Othr", "Id");

    /// <summary>Party name: Nm (v02–v07) or Pty/Nm (v08+).</summary>
    public string? PartyName(XElement? party) => Text(party, "Nm") ?? Text(party, "Pty", "Nm");

    public string? AgentBic(XElement? agent) => Text(agent, "FinInstnId", "BIC") ?? Text(agent, "FinInstnId", "BICFI")
        ?? Text(agent, "FinInstnId", "ClrSysMmbId", "MmbId") ?? Text(agent, "FinInstnId", "Nm");

    public static string Truncate(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
