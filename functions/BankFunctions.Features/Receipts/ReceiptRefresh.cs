using Azure;
using Azure.Data.Tables;
using BankFunctions.Features.Auth;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Receipts;

/// <summary>
/// Queues a receipt's work again at a person's request (the payment's and the entry's refresh routes). The work's outbox
/// row and the audit row commit first (one transaction of the tenant partition), then the entry's recorded failure is
/// cleared under its ETag, then the work is queued — a crash in between leaves the outbox row to the sweep.
/// </summary>
public sealed class ReceiptRefresh(ReceiptRequests receipts, StorageClients storage, AuditRows audit, TimeProvider clock)
{
    /// <summary>False when the entry changed before its failure was cleared: the caller reads it again and decides anew.</summary>
    public async Task<bool> RequestAsync(ReceiptMessage work, StatementEntryRow? entry, Caller caller, string subject, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await storage.Table(TableNames.TenantData).SubmitCheckedAsync([
            ReceiptRequests.OutboxAction(work, now),
            new(TableTransactionActionType.Add, audit.Row(work.TenantId, caller, "receipt.refresh-requested", subject, null, null, now))], cancellationToken);
        if (entry?.ReceiptFailure is not null)
        {
            entry.ReceiptFailure = null;
            try
            {
                await storage.Table(TableNames.Statements).UpdateCheckedAsync(entry, entry.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                return false; // Changed meanwhile (a pull, a link).
            }
        }
        await receipts.SendAsync([work], cancellationToken);
        return true;
    }
}
