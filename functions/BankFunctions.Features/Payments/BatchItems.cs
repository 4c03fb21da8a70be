using BankFunctions.Storage;
using BankFunctions.Domain.Ids;

namespace BankFunctions.Features.Payments;

/// <summary>
/// The rows of one batch's items: a key range, because item ids are derived from the batch id (PaymentRows.BatchItemId),
/// so reading a batch costs its own size, not a scan of every payment of the tenant.
/// </summary>
public static class BatchItems
{
    public static string Filter(string tenantId, string batchId) =>
        TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.PaymentRow(BatchId.Of(batchId).ItemIdPrefix))
        + $" and BatchId eq '{TableKeys.Escape(batchId)}'";
}
