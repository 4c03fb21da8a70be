using System.Xml.Linq;

namespace BankFunctions.Formats.Statements.Camt;

/// <summary>Reads one Ntry (ReportEntry) and its NtryDtls/TxDtls; every TxDtls of a batch booking becomes a detail.</summary>
internal sealed class CamtEntryReader
{
    private readonly CamtElements _x;

    public CamtEntryReader(CamtElements elements) => _x = elements;

    public StatementEntry Read(XElement ntry, string path, List<string> warnings)
    {
        var amount = _x.Amount(_x.Child(ntry, "Amt"), () => path + "/Amt")
            ?? throw new StatementFormatException($"{path}: expected element Amt (entry amount), none found");
        var isCredit = _x.IsCredit(ntry, () => path)
            ?? throw new StatementFormatException($"{path}: expected element CdtDbtInd (CRDT or DBIT), none found");
        var reversal = _x.Text(ntry, "RvslInd") is "true" or "1";

        // Sts is a code in v02–v06 (<Sts>BOOK</Sts>) and a choice in v07+ (<Sts><Cd>BOOK</Cd></Sts>).
        var statusElement = _x.Child(ntry, "Sts");
        var statusCode = statusElement is null ? null : (_x.Text(statusElement, "Cd") ?? _x.Text(statusElement, "Prtry") ?? statusElement.Value.Trim());
        string status;
        switch (statusCode)
        {
            case "BOOK":
                status = EntryStatus.Booked;
                break;
            case "PDNG" or "INFO" or "FUTR":
                status = EntryStatus.Pending;
                break;
            default:
                warnings.Add($"{path}/Sts: status '{statusCode ?? "(missing)"}' is not BOOK, PDNG, INFO or FUTR; entry treated as booked");
                status = EntryStatus.Booked;
                break;
        }

        var details = new List<EntryDetail>();
        var detailIndex = 0;
        foreach (var ntryDtls in _x.Children(ntry, "NtryDtls"))
        {
            foreach (var tx in _x.Children(ntryDtls, "TxDtls"))
            {
                detailIndex++;
                details.Add(ReadDetail(tx, isCredit, reversal, $"{path}/NtryDtls/TxDtls[{detailIndex}]"));
            }
        }
        var single = details.Count == 1 ? details[0] : null;

        return new StatementEntry
        {
            Amount = isCredit ? amount.Value : -amount.Value,
            Currency = amount.Currency,
            BookingDate = _x.Date(_x.Child(ntry, "BookgDt"), () => path + "/BookgDt", warnings),
            ValueDate = _x.Date(_x.Child(ntry, "ValDt"), () => path + "/ValDt", warnings),
            Status = status,
            BankReference = _x.Text(ntry, "AcctSvcrRef") ?? single?.BankReference,
            EndToEndId = single?.EndToEndId,
            Uetr = single?.Uetr,
            CustomerReference = single?.CustomerReference,
            Counterparty = single?.Counterparty,
            RemittanceInformation = single?.RemittanceInformation,
            BankTransactionCode = _x.BankTransactionCode(ntry) ?? single?.BankTransactionCode,
            IsReversal = reversal,
            ReturnInfo = single?.ReturnInfo ?? details.Select(d => d.ReturnInfo).FirstOrDefault(r => r is not null),
            AdditionalInformation = _x.Text(ntry, "AddtlNtryInf"),
            Details = details,
        };
    }

    private EntryDetail ReadDetail(XElement tx, bool entryIsCredit, bool reversal, string path)
    {
        // Amount: TxDtls/Amt (v04+) or AmtDtls/TxAmt/Amt, else AmtDtls/InstdAmt/Amt; direction: TxDtls/CdtDbtInd else the entry's.
        var amount = _x.Amount(_x.Child(tx, "Amt"), () => path + "/Amt")
            ?? _x.Amount(_x.Child(tx, "AmtDtls", "TxAmt", "Amt"), () => path + "/AmtDtls/TxAmt/Amt")
            ?? _x.Amount(_x.Child(tx, "AmtDtls", "InstdAmt", "Amt"), () => path + "/AmtDtls/InstdAmt/Amt");
        var isCredit = _x.IsCredit(tx, () => path) ?? entryIsCredit;

        var refs = _x.Child(tx, "Refs");
        var parties = _x.Child(tx, "RltdPties");
        var agents = _x.Child(tx, "RltdAgts");
        // The counterparty is the debtor side of a credit and the creditor side of a debit. A reversal keeps the parties
        // of the original transaction, whose direction is the opposite of the reversal's CdtDbtInd (ISO 20022 RvslInd).
        var counterpartyRole = entryIsCredit ^ reversal ? "Dbtr" : "Cdtr";
        var name = _x.PartyName(_x.Child(parties, counterpartyRole)) ?? _x.PartyName(_x.Child(parties, "Ultmt" + counterpartyRole));
        var account = _x.AccountId(_x.Child(parties, counterpartyRole + "Acct"));
        var bank = _x.AgentBic(_x.Child(agents, counterpartyRole + "Agt"));
        var counterparty = name is null && account is null && bank is null ? null : new Counterparty { Name = name, Account = account, Bank = bank };

        var remittance = _x.Child(tx, "RmtInf");
        var unstructured = remittance is null ? [] : _x.Children(remittance, "Ustrd").Select(u => u.Value.Trim()).Where(u => u.Length > 0).ToList();
        var remittanceText = unstructured.Count > 0
            ? string.Join(" ", unstructured)
            : remittance is null ? null : _x.Text(remittance, "Strd", "CdtrRefInf", "Ref");

        var returnInfo = _x.Child(tx, "RtrInf");
        var returnReason = _x.Text(returnInfo, "Rsn", "Cd") ?? _x.Text(returnInfo, "Rsn", "Prtry");

        return new EntryDetail
        {
            Amount = amount is null ? null : isCredit ? amount.Value.Value : -amount.Value.Value,
            Currency = amount?.Currency,
            BankReference = _x.Text(refs, "AcctSvcrRef"),
            EndToEndId = Meaningful(_x.Text(refs, "EndToEndId")),
            Uetr = _x.Text(refs, "UETR"),
            CustomerReference = Meaningful(_x.Text(refs, "InstrId") ?? _x.Text(refs, "PmtInfId") ?? _x.Text(refs, "MsgId")),
            Counterparty = counterparty,
            RemittanceInformation = remittanceText,
            BankTransactionCode = _x.BankTransactionCode(tx),
            ReturnInfo = returnReason,
        };
    }

    private static string? Meaningful(string? reference) => reference is null or "NOTPROVIDED" ? null : reference;
}
