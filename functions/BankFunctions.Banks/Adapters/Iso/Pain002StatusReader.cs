using System.Xml;
using BankFunctions.Formats.Iso20022;

namespace BankFunctions.Banks.Adapters.Iso;

/// <summary>
/// Where each payment of a pain.002 stands, as the bank's codes (<see cref="IsoPaymentStatus"/>). A transaction
/// without its own status inherits its payment information's, then the group's (pain.002 rules).
/// </summary>
internal static class Pain002StatusReader
{
    public static PaymentStatusReport Read(byte[] xml)
    {
        using var stream = new MemoryStream(xml);
        var report = Pain002Reader.Read(stream);
        if (report.GroupStatus is null && report.Transactions.Count == 0 && report.PaymentInfoStatuses.Count == 0)
        {
            throw new FormatException("Not a pain.002: no group, payment information or transaction status.");
        }
        var group = report.GroupStatus is { Length: > 0 } code
            ? new IsoPaymentStatus(code.Trim(), report.GroupReasonCode?.Trim(), report.GroupAdditionalInfo?.Trim())
            : null;
        var items = new List<PaymentItemStatus>();
        foreach (var tx in report.Transactions)
        {
            var endToEndId = tx.OriginalEndToEndId?.Trim();
            var status = tx.Status is { Length: > 0 } own ? new IsoPaymentStatus(own.Trim(), tx.ReasonCode?.Trim(), tx.AdditionalInfo?.Trim())
                : tx.PaymentInfoStatus is { Length: > 0 } block ? new IsoPaymentStatus(block.Trim())
                : group;
            if (!string.IsNullOrEmpty(endToEndId) && status is not null)
            {
                items.Add(new PaymentItemStatus(endToEndId, status, tx.AccountServicerReference?.Trim()));
            }
        }
        return new PaymentStatusReport(true, group, items);
    }

    /// <summary>The first group-level reason code, for a 400 rejection (FF01, AM10, AM18…).</summary>
    public static string? GroupReason(byte[] xml)
    {
        try
        {
            return (Read(xml).Group as IsoPaymentStatus)?.ReasonCode;
        }
        catch (Exception e) when (e is XmlException or FormatException)
        {
            return null;
        }
    }
}
