using System.Text;

namespace BankFunctions.Formats.Statements.Camt;

/// <summary>Reads one Ntry (ReportEntry) and its NtryDtls/TxDtls; every TxDtls of a batch booking becomes a detail.</summary>
internal sealed class CamtEntryReader
{
    private const int Ntry = 0; // the loaded element
    private readonly CamtElements _x;
    private readonly CamtSubtree _t;

    public CamtEntryReader(CamtElements elements)
    {
        _x = elements;
        _t = elements.Tree;
    }

    /// <summary>Reads the Ntry loaded in the tree.</summary>
    /// <param name="accountCurrency">Acct/Ccy, else a balance's currency: assumed for an Amt without Ccy.</param>
    /// <param name="once">Where deviations that repeat on every entry are named once per statement.</param>
    public StatementEntry Read(CamtLocation at, string? accountCurrency, List<StatementWarning> warnings, OncePerStatement once)
    {
        var amount = _x.Amount(_t.Child(Ntry, "Amt"), at, "/Amt", accountCurrency, out var currencyAssumed)
            ?? throw new StatementFormatException($"{at}: expected element Amt (entry amount), none found");
        if (currencyAssumed)
        {
            once.Tolerate(StatementWarningCodes.AmountCurrencyMissing, CamtElements.CurrencyAssumed(at, "/Amt", amount.Currency));
        }
        var isCredit = _x.IsCredit(Ntry, at)
            ?? throw new StatementFormatException($"{at}: expected element CdtDbtInd (CRDT or DBIT), none found");
        var reversal = _t.Trimmed(_t.Child(Ntry, "RvslInd")) is "true" or "1";
        var status = ReadStatus(at, warnings, once);

        var details = new List<EntryDetail>();
        for (var ntryDtls = _t.Child(Ntry, "NtryDtls"); ntryDtls != CamtSubtree.None; ntryDtls = _t.NextNamed(ntryDtls))
        {
            for (var tx = _t.Child(ntryDtls, "TxDtls"); tx != CamtSubtree.None; tx = _t.NextNamed(tx))
            {
                details.Add(ReadDetail(tx, isCredit, reversal, at.InDetail(details.Count + 1)));
            }
        }
        var single = details.Count == 1 ? details[0] : null;

        return new StatementEntry
        {
            Amount = isCredit ? amount.Value : -amount.Value,
            Currency = amount.Currency,
            BookingDate = _x.Date(_t.Child(Ntry, "BookgDt"), at, "/BookgDt", warnings),
            ValueDate = _x.Date(_t.Child(Ntry, "ValDt"), at, "/ValDt", warnings),
            Status = status,
            BankReference = _t.Text(Ntry, "AcctSvcrRef") ?? single?.BankReference,
            EndToEndId = single?.EndToEndId,
            Uetr = single?.Uetr,
            CustomerReference = single?.CustomerReference,
            Counterparty = single?.Counterparty,
            RemittanceInformation = single?.RemittanceInformation,
            BankTransactionCode = _x.BankTransactionCode(Ntry) ?? single?.BankTransactionCode,
            IsReversal = reversal,
            ReturnInfo = single?.ReturnInfo ?? FirstReturnInfo(details),
            AdditionalInformation = _t.Text(Ntry, "AddtlNtryInf"),
            Details = details,
        };
    }

    /// <summary>Sts is a code in v02–v06 (&lt;Sts&gt;BOOK&lt;/Sts&gt;) and a choice in v07+ (&lt;Sts&gt;&lt;Cd&gt;BOOK&lt;/Cd&gt;&lt;/Sts&gt;).</summary>
    private string ReadStatus(CamtLocation at, List<StatementWarning> warnings, OncePerStatement once)
    {
        var sts = _t.Child(Ntry, "Sts");
        if (sts == CamtSubtree.None)
        {
            // Sts is mandatory (1..1) in every camt.052/053/054 version; without it the entry is taken as booked.
            once.Tolerate(StatementWarningCodes.EntryStatusMissing, $"{at}: expected element Sts (entry status), none found; entry treated as booked");
            return EntryStatus.Booked;
        }
        var code = StatusCode(sts);
        for (var again = _t.NextNamed(sts); again != CamtSubtree.None; again = _t.NextNamed(again))
        {
            if (!StatusCode(again).SequenceEqual(code))
            {
                throw new StatementFormatException($"{at}/Sts: expected one entry status, found '{code}' and '{StatusCode(again)}'; cannot tell whether the entry is booked");
            }
            if (_t.NextNamed(again) == CamtSubtree.None)
            {
                once.Tolerate(StatementWarningCodes.EntryStatusRepeated, $"{at}/Sts: entry status '{code}' given more than once; read once");
            }
        }
        switch (code)
        {
            case "BOOK":
                return EntryStatus.Booked;
            case "PDNG" or "INFO" or "FUTR":
                return EntryStatus.Pending;
            default:
                warnings.Add(StatementWarningCodes.EntryStatusUnknown, $"{at}/Sts: status '{code}' is not BOOK, PDNG, INFO or FUTR; entry treated as booked");
                return EntryStatus.Booked;
        }
    }

    /// <summary>Sts/Cd, else Sts/Prtry, else the text of Sts itself.</summary>
    private ReadOnlySpan<char> StatusCode(int sts)
    {
        var code = _t.Trimmed(_t.Child(sts, "Cd"));
        if (code.IsEmpty)
        {
            code = _t.Trimmed(_t.Child(sts, "Prtry"));
        }
        return code.IsEmpty ? _t.Trimmed(sts) : code;
    }

    private EntryDetail ReadDetail(int tx, bool entryIsCredit, bool reversal, CamtLocation at)
    {
        // Amount: TxDtls/Amt (v04+) or AmtDtls/TxAmt/Amt, else AmtDtls/InstdAmt/Amt; direction: TxDtls/CdtDbtInd else the entry's.
        var amount = _x.Amount(_t.Child(tx, "Amt"), at, "/Amt")
            ?? _x.Amount(_t.Child(tx, "AmtDtls", "TxAmt", "Amt"), at, "/AmtDtls/TxAmt/Amt")
            ?? _x.Amount(_t.Child(tx, "AmtDtls", "InstdAmt", "Amt"), at, "/AmtDtls/InstdAmt/Amt");
        var isCredit = _x.IsCredit(tx, at) ?? entryIsCredit;

        var refs = _t.Child(tx, "Refs");
        var parties = _t.Child(tx, "RltdPties");
        var agents = _t.Child(tx, "RltdAgts");
        // The counterparty is the debtor side of a credit and the creditor side of a debit. A reversal keeps the parties
        // of the original transaction, whose direction is the opposite of the reversal's CdtDbtInd (ISO 20022 RvslInd).
        var debtorSide = entryIsCredit ^ reversal;
        var name = _x.PartyName(_t.Child(parties, debtorSide ? "Dbtr" : "Cdtr"))
            ?? _x.PartyName(_t.Child(parties, debtorSide ? "UltmtDbtr" : "UltmtCdtr"));
        var account = _x.AccountId(_t.Child(parties, debtorSide ? "DbtrAcct" : "CdtrAcct"));
        var bank = _x.AgentBic(_t.Child(agents, debtorSide ? "DbtrAgt" : "CdtrAgt"));
        var counterparty = name is null && account is null && bank is null ? null : new Counterparty { Name = name, Account = account, Bank = bank };

        var returnInfo = _t.Child(tx, "RtrInf");
        var returnReason = _t.Text(returnInfo, "Rsn", "Cd") ?? _t.Text(returnInfo, "Rsn", "Prtry");

        return new EntryDetail
        {
            Amount = amount is null ? null : isCredit ? amount.Value.Value : -amount.Value.Value,
            Currency = amount?.Currency,
            BankReference = _t.Text(refs, "AcctSvcrRef"),
            EndToEndId = Meaningful(_t.Text(refs, "EndToEndId")),
            Uetr = _t.Text(refs, "UETR"),
            CustomerReference = Meaningful(_t.Text(refs, "InstrId") ?? _t.Text(refs, "PmtInfId") ?? _t.Text(refs, "MsgId")),
            Counterparty = counterparty,
            RemittanceInformation = RemittanceText(_t.Child(tx, "RmtInf")),
            BankTransactionCode = _x.BankTransactionCode(tx),
            ReturnInfo = returnReason,
        };
    }

    /// <summary>The non-blank Ustrd lines joined by spaces, else the structured creditor reference (Strd/CdtrRefInf/Ref).</summary>
    private string? RemittanceText(int remittance)
    {
        if (remittance == CamtSubtree.None)
        {
            return null;
        }
        string? first = null;
        StringBuilder? joined = null; // only for the rarer multi-line remittance
        for (var ustrd = _t.Child(remittance, "Ustrd"); ustrd != CamtSubtree.None; ustrd = _t.NextNamed(ustrd))
        {
            var line = _t.Trimmed(ustrd);
            if (line.IsEmpty)
            {
                continue;
            }
            if (first is null)
            {
                first = line.ToString();
            }
            else
            {
                (joined ??= new StringBuilder(first)).Append(' ').Append(line);
            }
        }
        return joined?.ToString() ?? first ?? _t.Text(remittance, "Strd", "CdtrRefInf", "Ref");
    }

    private static string? FirstReturnInfo(List<EntryDetail> details)
    {
        foreach (var detail in details)
        {
            if (detail.ReturnInfo is not null)
            {
                return detail.ReturnInfo;
            }
        }
        return null;
    }

    private static string? Meaningful(string? reference) => reference is null or "NOTPROVIDED" ? null : reference;
}
