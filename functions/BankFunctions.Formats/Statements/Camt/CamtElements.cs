using System.Globalization;

namespace BankFunctions.Formats.Statements.Camt;

/// <summary>
/// Small readers for the camt building blocks shared by Stmt, Rpt and Ntfctn, over the element currently loaded in
/// <see cref="Tree"/>. Element arguments are tree indexes; <see cref="CamtSubtree.None"/> stands for an absent element.
/// </summary>
internal sealed class CamtElements
{
    public CamtElements(CamtSubtree tree) => Tree = tree;

    public CamtSubtree Tree { get; }

    /// <summary>Amt with its Ccy attribute (ActiveOrHistoricCurrencyAndAmount); null when absent, throws when unreadable.</summary>
    public (decimal Value, string? Currency)? Amount(int amountElement, CamtLocation at, string where)
    {
        if (amountElement == CamtSubtree.None)
        {
            return null;
        }
        var text = Tree.Trimmed(amountElement);
        if (text.Length == 0 || text.Length > 40 || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw new StatementFormatException($"{at}{where}: expected a decimal amount (digits with '.' decimal point, no sign), found '{Truncate(text)}'");
        }
        return (value, Tree.Currency(amountElement));
    }

    /// <summary>
    /// <see cref="Amount(int, CamtLocation, string)"/>, with the account's currency for an Amt without Ccy (the caller
    /// warns: <paramref name="currencyAssumed"/>), refused when the account's currency is not known either.
    /// </summary>
    public (decimal Value, string Currency)? Amount(int amountElement, CamtLocation at, string where, string? accountCurrency, out bool currencyAssumed)
    {
        currencyAssumed = false;
        if (Amount(amountElement, at, where) is not { } amount)
        {
            return null;
        }
        if (!string.IsNullOrEmpty(amount.Currency))
        {
            return (amount.Value, amount.Currency);
        }
        if (accountCurrency is null)
        {
            throw new StatementFormatException($"{at}{where}: expected attribute Ccy (currency of the amount), none found, and the account's currency is not known (no Acct/Ccy, no balance with a currency)");
        }
        currencyAssumed = true;
        return (amount.Value, accountCurrency);
    }

    public static string CurrencyAssumed(CamtLocation at, string where, string currency) =>
        $"{at}{where}: amount has no Ccy attribute; the account's currency {currency} is assumed";

    /// <summary>CdtDbtInd: CRDT or DBIT. Null when absent.</summary>
    public bool? IsCredit(int parent, CamtLocation at)
    {
        var indicator = Tree.Trimmed(Tree.Child(parent, "CdtDbtInd"));
        if (indicator.IsEmpty)
        {
            return null;
        }
        if (indicator.SequenceEqual("CRDT"))
        {
            return true;
        }
        if (indicator.SequenceEqual("DBIT"))
        {
            return false;
        }
        throw new StatementFormatException($"{at}/CdtDbtInd: expected CRDT or DBIT, found '{Truncate(indicator)}'");
    }

    /// <summary>DateAndDateTimeChoice: Dt (yyyy-MM-dd) or DtTm (ISO date-time; its calendar date is taken).</summary>
    public DateOnly? Date(int choice, CamtLocation at, string where, List<StatementWarning> warnings)
    {
        var text = Tree.Trimmed(Tree.Child(choice, "Dt"));
        if (text.IsEmpty)
        {
            text = Tree.Trimmed(Tree.Child(choice, "DtTm"));
        }
        if (text.IsEmpty)
        {
            return null;
        }
        if (text.Length >= 10 && (TryReadIsoDate(text[..10], out var date)
            || DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)))
        {
            return date;
        }
        warnings.Add(StatementWarningCodes.DateUnreadable, $"{at}{where}: unreadable date '{Truncate(text)}' ignored");
        return null;
    }

    /// <summary>
    /// yyyy-MM-dd of ASCII digits naming a real day: the usual case, read without the general parser. Anything else is
    /// left to DateOnly.TryParseExact, which decides as before.
    /// </summary>
    private static bool TryReadIsoDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        if (text[4] != '-' || text[7] != '-'
            || !TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return true;
    }

    /// <summary>BkTxCd: Domn/Cd-Fmly/Cd-Fmly/SubFmlyCd (e.g. PMNT-RCDT-ESCT), else Prtry/Cd.</summary>
    public string? BankTransactionCode(int parent)
    {
        var code = Tree.Child(parent, "BkTxCd");
        if (code == CamtSubtree.None)
        {
            return null;
        }
        // Built straight from the tree's text: one string per entry rather than one per part plus the joined one.
        var domain = Tree.Trimmed(Tree.Child(code, "Domn", "Cd"));
        if (domain.IsEmpty)
        {
            return Tree.Text(code, "Prtry", "Cd");
        }
        var family = Tree.Trimmed(Tree.Child(code, "Domn", "Fmly", "Cd"));
        var sub = Tree.Trimmed(Tree.Child(code, "Domn", "Fmly", "SubFmlyCd"));
        return (family.IsEmpty, sub.IsEmpty) switch
        {
            (true, true) => domain.ToString(),
            (true, false) => $"{domain}-{sub}",
            (false, true) => $"{domain}-{family}",
            _ => $"{domain}-{family}-{sub}",
        };
    }

    /// <summary>Account identification: Id/IBAN, else Id/Othr/Id.</summary>
    public string? AccountId(int account) => Tree.Text(account, "Id", "IBAN") ?? Tree.Text(account, "Id", "Othr", "Id");

    /// <summary>Party name: Nm (v02–v07) or Pty/Nm (v08+).</summary>
    public string? PartyName(int party) => Tree.Text(party, "Nm") ?? Tree.Text(party, "Pty", "Nm");

    public string? AgentBic(int agent) => Tree.Text(agent, "FinInstnId", "BIC") ?? Tree.Text(agent, "FinInstnId", "BICFI")
        ?? Tree.Text(agent, "FinInstnId", "ClrSysMmbId", "MmbId") ?? Tree.Text(agent, "FinInstnId", "Nm");

    public static string Truncate(ReadOnlySpan<char> text) => text.Length <= 60 ? text.ToString() : string.Concat(text[..60], "…");
}
