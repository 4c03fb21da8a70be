using System.Xml;

namespace BankFunctions.Formats.Statements.Camt;

/// <summary>
/// The element names the camt readers look for. A NameTable keeps the first instance of each string added to it, so a
/// table seeded with these literals makes the XmlReader hand out the very same (interned) instances as the names the
/// readers compare with: string.Equals then succeeds on its reference check, without comparing characters.
/// </summary>
internal static class CamtNames
{
    private static readonly string[] Known =
    [
        // Statement, report and notification
        "Stmt", "Rpt", "Ntfctn", "Id", "ElctrncSeqNb", "LglSeqNb", "FrToDt", "FrDtTm", "ToDtTm", "Acct", "Ccy", "Bal", "Ntry",
        "AddtlStmtInf", "AddtlRptInf", "AddtlNtfctnInf", "Tp", "CdOrPrtry", "Cd", "Prtry", "Amt", "CdtDbtInd", "Dt", "DtTm",
        // Entry
        "RvslInd", "Sts", "NtryDtls", "TxDtls", "BookgDt", "ValDt", "AcctSvcrRef", "AddtlNtryInf", "BkTxCd", "Domn", "Fmly", "SubFmlyCd",
        // Transaction details
        "AmtDtls", "TxAmt", "InstdAmt", "Refs", "EndToEndId", "UETR", "InstrId", "PmtInfId", "MsgId", "RltdPties", "RltdAgts",
        "Dbtr", "Cdtr", "UltmtDbtr", "UltmtCdtr", "DbtrAcct", "CdtrAcct", "DbtrAgt", "CdtrAgt", "Nm", "Pty", "IBAN", "Othr",
        "FinInstnId", "BIC", "BICFI", "ClrSysMmbId", "MmbId", "RmtInf", "Ustrd", "Strd", "CdtrRefInf", "Ref", "RtrInf", "Rsn",
    ];

    /// <summary>A fresh table per document (a NameTable is not thread-safe), seeded with the literals above.</summary>
    public static XmlNameTable CreateTable()
    {
        var table = new NameTable();
        foreach (var name in Known)
        {
            table.Add(name);
        }
        return table;
    }
}
