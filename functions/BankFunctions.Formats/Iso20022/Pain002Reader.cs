using System.Xml;

namespace BankFunctions.Formats.Iso20022;

public sealed record Pain002Transaction(string? OriginalEndToEndId, string? Status, string? ReasonCode, string? AdditionalInfo)
{
    /// <summary>PmtInfSts of the enclosing OrgnlPmtInfAndSts: a transaction without its own TxSts inherits it.</summary>
    public string? PaymentInfoStatus { get; init; }

    /// <summary>TxInfAndSts/AcctSvcrRef: the bank's own reference for the transaction.</summary>
    public string? AccountServicerReference { get; init; }
}

public sealed record Pain002Report(string? OriginalMsgId, string? GroupStatus, string? GroupReasonCode, IReadOnlyList<Pain002Transaction> Transactions)
{
    /// <summary>OrgnlPmtInfAndSts/PmtInfSts of each payment information block that carries one.</summary>
    public IReadOnlyList<string> PaymentInfoStatuses { get; init; } = [];

    /// <summary>OrgnlGrpInfAndSts/StsRsnInf/AddtlInf.</summary>
    public string? GroupAdditionalInfo { get; init; }
}

/// <summary>
/// Reads a customer payment status report (pain.002.001.03 to .10) with XmlReader: OrgnlGrpInfAndSts/GrpSts and
/// StsRsnInf/Rsn/Cd and AddtlInf, each block's PmtInfSts, and every TxInfAndSts (OrgnlEndToEndId, TxSts, reason,
/// AcctSvcrRef). DTDs are prohibited. The one pain.002 reader: the bank adapters map its codes to statuses.
/// </summary>
public static class Pain002Reader
{
    public static Pain002Report Read(Stream input)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true, IgnoreComments = true };
        using var reader = XmlReader.Create(input, settings);
        string? msgId = null, groupStatus = null, groupReason = null, groupInfo = null, paymentInfoStatus = null, servicerRef = null;
        var txs = new List<Pain002Transaction>();
        var pmtInfStatuses = new List<string>();
        var path = new Stack<string>();
        string? e2e = null, status = null, reason = null, info = null;
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.EndElement)
            {
                if (reader.LocalName == "TxInfAndSts")
                {
                    txs.Add(new Pain002Transaction(e2e, status, reason, info) { PaymentInfoStatus = paymentInfoStatus, AccountServicerReference = servicerRef });
                }
                path.TryPop(out _);
                reader.Read();
                continue;
            }
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }
            var name = reader.LocalName;
            var inTx = path.Contains("TxInfAndSts");
            var inGroup = path.Contains("OrgnlGrpInfAndSts") && !path.Contains("OrgnlPmtInfAndSts");
            var underReason = path.Count > 0 && path.Peek() == "Rsn";
            if (name == "TxInfAndSts")
            {
                e2e = status = reason = info = servicerRef = null;
            }
            else if (name == "OrgnlPmtInfAndSts")
            {
                paymentInfoStatus = null;
            }
            string? Value() => reader.ReadElementContentAsString(); // advances past the element
            switch (name)
            {
                case "OrgnlMsgId" when inGroup: msgId = Value(); continue;
                case "GrpSts" when inGroup: groupStatus = Value(); continue;
                case "Cd" when underReason && inTx: reason = Value(); continue;
                case "Cd" when underReason && inGroup: groupReason = Value(); continue;
                case "AddtlInf" when inTx: info = Value(); continue;
                case "AddtlInf" when inGroup: groupInfo = Value(); continue;
                case "AcctSvcrRef" when inTx: servicerRef = Value(); continue;
                case "OrgnlEndToEndId" when inTx: e2e = Value(); continue;
                case "TxSts" when inTx: status = Value(); continue;
                case "PmtInfSts":
                    paymentInfoStatus = Value();
                    pmtInfStatuses.Add(paymentInfoStatus ?? "");
                    continue;
            }
            if (reader.IsEmptyElement)
            {
                if (name == "TxInfAndSts")
                {
                    txs.Add(new Pain002Transaction(null, null, null, null) { PaymentInfoStatus = paymentInfoStatus });
                }
                reader.Read();
                continue;
            }
            path.Push(name);
            reader.Read();
        }
        return new Pain002Report(msgId, groupStatus, groupReason, txs) { PaymentInfoStatuses = pmtInfStatuses, GroupAdditionalInfo = groupInfo };
    }
}
