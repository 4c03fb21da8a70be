using Azure.Data.Tables;
using BankFunctions.Banks;
using BankFunctions.Features.BankConnections;
using BankFunctions.Features.Health;
using BankFunctions.Features.Outbox;
using BankFunctions.Features.Payments;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Receipts;

/// <summary>
/// Records receipt work through the outbox (issue #14): an outbox row per (account, bank reference) in the tenant
/// partition — the payment's completion writes it in its own transaction (<see cref="Statements.Reconciler"/>), a pull
/// writes the rows of its booked entries before it stores them — and the message follows once the state is committed.
/// A crash anywhere leaves the row, and the outbox sweep sends it; <see cref="FetchReceipt"/> takes it away.
/// </summary>
public sealed class ReceiptRequests(StorageClients storage, IQueueSender queue, BankAdapters adapters, BankEndpointsOptions banks)
{
    private const int RowsPerTransaction = 100;

    /// <summary>Whether receipts are fetched for this bank: one we reach over an API whose adapter offers them.</summary>
    public bool Offered(string bank) =>
        banks.Banks.GetValueOrDefault(bank)?.BaseUrl is not null && adapters.Payments(bank).Capabilities.Has(BankCapability.EReceipts);

    /// <summary>The outbox row of one receipt's work (upserted: the entry's and its payment's trigger write the same row).</summary>
    public static TableTransactionAction OutboxAction(ReceiptMessage work, DateTimeOffset now) =>
        new(TableTransactionActionType.UpsertReplace, PaymentRows.Outbox(work.TenantId, work.Subject, QueueNames.ReceiptsFetch, work.ToJson(), now));

    /// <summary>The work of these entries: booked, with the bank's reference (what the bank files a receipt under), not linked yet.</summary>
    public static IReadOnlyList<ReceiptMessage> For(string tenantId, string accountId, IEnumerable<StatementEntryRow> rows) =>
        rows.Where(r => r.Status == "booked" && !string.IsNullOrWhiteSpace(r.BankReference) && r.ReceiptBlob is null)
            .Select(r => new ReceiptMessage(tenantId, accountId, r.BankReference!.Trim()))
            .DistinctBy(w => w.Subject, StringComparer.Ordinal)
            .ToList();

    /// <summary>Writes the outbox rows of these entries' receipts (before the entries are stored); returns the work to send after.</summary>
    public async Task<IReadOnlyList<ReceiptMessage>> RecordAsync(string tenantId, AccountRow account, IEnumerable<StatementEntryRow> rows, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (!Offered(account.Bank))
        {
            return [];
        }
        var work = For(tenantId, account.AccountId, rows);
        var table = storage.Table(TableNames.TenantData);
        foreach (var chunk in work.Chunk(RowsPerTransaction))
        {
            await table.SubmitCheckedAsync(chunk.Select(w => OutboxAction(w, now)), cancellationToken);
        }
        return work;
    }

    /// <summary>The enqueue after the commit; a failure is left to the outbox sweep.</summary>
    public async Task SendAsync(IEnumerable<ReceiptMessage> work, CancellationToken cancellationToken)
    {
        foreach (var w in work)
        {
            await queue.TrySendAsync(QueueNames.ReceiptsFetch, w.ToJson(), cancellationToken);
        }
    }
}
