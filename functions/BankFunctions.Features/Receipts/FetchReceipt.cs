using System.Globalization;
using Azure;
using Azure.Data.Tables;
using BankFunctions.Banks;
using BankFunctions.Features.Accounts;
using BankFunctions.Features.BankConnections;
using BankFunctions.Features.PaymentReferences;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Features.Receipts;

/// <summary>
/// receipts-fetch (issue #14): fetches one booked entry's e-receipt from its bank (<see cref="IBankAdapter.GetReceiptAsync"/>),
/// keeps it once in Blob Storage (<see cref="ReceiptBlobs"/>), links it to the entry and to the payments the entry
/// booked (ETag-guarded, set once), then removes the outbox row. Idempotent: a second delivery finds the link and only
/// completes what is missing. "Not yet" from the bank waits with back-off (<see cref="ReceiptRetry"/>: a delayed
/// message, and the outbox row pushed past it so the sweep does not send it twice), bounded, then given up with the
/// reason on the entry. Never on a request path: the GET routes only read what this stored.
/// </summary>
public sealed partial class FetchReceipt(
    StorageClients storage, AccountCache accounts, BankAdapters adapters, ReceiptBlobs blobs, PaymentStore payments, IQueueSender queue,
    Events.EventRelay relay, TimeProvider clock, ILogger<FetchReceipt> logger) : IQueueHandler
{
    private const int LinkAttempts = 10;

    private TableClient Statements => storage.Table(TableNames.Statements);
    private TableClient TenantData => storage.Table(TableNames.TenantData);

    public async Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken)
    {
        var work = ReceiptMessage.Parse(message.Body);
        var account = await accounts.FindAsync(work.TenantId, work.AccountId, cancellationToken);
        if (account is null)
        {
            await DoneAsync(work, cancellationToken); // The account is gone.
            return;
        }
        var partition = TableKeys.StatementPartition(work.TenantId, work.AccountId);
        var entry = await FindEntryAsync(Statements, partition, work.Reference, cancellationToken);
        if (entry is null)
        {
            await NextAsync(work, ReceiptRetry.EntryMissing(work.Attempt), null, cancellationToken);
            return;
        }
        var stored = StoredReceipt.Of(entry);
        if (stored is null)
        {
            if (entry.ReceiptFailure is not null)
            {
                await DoneAsync(work, cancellationToken); // Given up before; a person can see why on the entry.
                return;
            }
            var result = await FetchAsync(work, account, entry, cancellationToken);
            if (!result.IsSuccess)
            {
                await NextAsync(work, ReceiptRetry.Decide(result, work.Attempt), entry, cancellationToken);
                return;
            }
            stored = await blobs.SaveOnceAsync(work.TenantId, work.AccountId, work.Reference, result.Value!, cancellationToken);
            entry = await LinkEntryAsync(entry, stored, result.Value!.Content.Length, cancellationToken);
            stored = StoredReceipt.Of(entry)!;
            // The link committed with its `receipt.available` event (issue #14); on to the tenant's feed.
            await relay.RelayAsync(partition, cancellationToken);
            LogStored(logger, work.AccountId, work.Reference, stored.Sha256);
        }
        await LinkPaymentsAsync(work.TenantId, entry, stored, cancellationToken);
        await DoneAsync(work, cancellationToken);
    }

    private async Task<BankResult<Receipt>> FetchAsync(ReceiptMessage work, AccountRow account, StatementEntryRow entry, CancellationToken cancellationToken)
    {
        var adapter = adapters.Payments(account.Bank);
        if (!adapter.Capabilities.Has(BankCapability.EReceipts))
        {
            return BankResult.NotSupported<Receipt>("E-receipts");
        }
        var found = await TenantData.GetEntityIfExistsAsync<BankConnectionRow>(
            TableKeys.TenantPartition(work.TenantId), TableKeys.BankConnectionRow(account.BankConnectionId), cancellationToken: cancellationToken);
        if (!found.HasValue)
        {
            return BankResult.Failure<Receipt>(BankCallOutcome.Terminal, "NoConnection", "The account's bank connection is gone.");
        }
        var connection = await adapters.ConnectionAsync(found.Value!, cancellationToken);
        var day = DateOnly.ParseExact(entry.BookingDate ?? entry.ValueDate ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return await adapter.GetReceiptAsync(
            new GetReceiptRequest(connection, account.Iban ?? account.AccountNumber ?? "", work.Reference, day), cancellationToken);
    }

    /// <summary>The stored entry with this bank reference, through the reference index written with it (EntryStore).</summary>
    internal static async Task<StatementEntryRow?> FindEntryAsync(TableClient statements, string partition, string reference, CancellationToken cancellationToken)
    {
        var guard = await statements.GetEntityIfExistsAsync<EntryGuardRow>(partition, TableKeys.EntryGuardRow("r-" + ReferenceKeys.Safe(reference)),
            cancellationToken: cancellationToken);
        if (!guard.HasValue)
        {
            return null;
        }
        var entry = await statements.GetEntityIfExistsAsync<StatementEntryRow>(partition, guard.Value!.EntryRowKey, cancellationToken: cancellationToken);
        return entry.HasValue ? entry.Value : null;
    }

    /// <summary>
    /// Links the receipt to the entry once (ETag-guarded), in one transaction with its <c>receipt.available</c> event;
    /// a link already there wins and is returned (and announced nothing new).
    /// </summary>
    private async Task<StatementEntryRow> LinkEntryAsync(StatementEntryRow entry, StoredReceipt stored, int size, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < LinkAttempts; attempt++)
        {
            if (StoredReceipt.Of(entry) is not null)
            {
                return entry;
            }
            stored.LinkTo(entry);
            entry.ReceiptFailure = null;
            var announced = Events.AccountEvents.PendingRow(entry.PartitionKey, [Events.AccountEvents.Receipt(entry, stored, size)], clock.GetUtcNow());
            try
            {
                await Statements.SubmitCheckedAsync([new(TableTransactionActionType.UpdateReplace, entry, entry.ETag), new(TableTransactionActionType.Add, announced)],
                    cancellationToken);
                return entry;
            }
            catch (TableTransactionFailedException e) when (e.Status == 412)
            {
                entry = (await Statements.GetEntityAsync<StatementEntryRow>(entry.PartitionKey, entry.RowKey, cancellationToken: cancellationToken)).Value;
            }
        }
        throw new InvalidOperationException($"Entry {entry.RowKey} kept changing while its receipt was linked; the message is retried.");
    }

    /// <summary>
    /// The payments this debit booked get the same receipt, unless they have one or were booked under another
    /// reference (a return's credit is not the payment's receipt).
    /// </summary>
    private async Task LinkPaymentsAsync(string tenantId, StatementEntryRow entry, StoredReceipt stored, CancellationToken cancellationToken)
    {
        if (!entry.Amount.StartsWith('-'))
        {
            return;
        }
        foreach (var paymentId in (entry.PaymentIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            await payments.TransitionAsync(tenantId, paymentId, p =>
            {
                if (StoredReceipt.Of(p) is not null || (p.BookingReference is { } booked && booked != entry.BankReference))
                {
                    return new TransitionDecision.Stop(Microsoft.AspNetCore.Http.Results.Empty);
                }
                stored.LinkTo(p);
                return new TransitionDecision.Write([]);
            }, cancellationToken);
        }
    }

    private async Task NextAsync(ReceiptMessage work, ReceiptNext next, StatementEntryRow? entry, CancellationToken cancellationToken)
    {
        switch (next)
        {
            case ReceiptNext.Retry retry:
                var again = work with { Attempt = work.Attempt + 1 };
                await PostponeOutboxAsync(again, retry.Delay, cancellationToken);
                await queue.SendAsync(QueueNames.ReceiptsFetch, again.ToJson(), retry.Delay, cancellationToken);
                LogRetry(logger, work.AccountId, work.Reference, again.Attempt, retry.Delay);
                return;
            case ReceiptNext.GiveUp giveUp:
                if (entry is not null)
                {
                    await RecordFailureAsync(Statements, entry, giveUp.Reason, cancellationToken);
                }
                LogGaveUp(logger, work.AccountId, work.Reference, giveUp.Reason);
                break;
        }
        await DoneAsync(work, cancellationToken);
    }

    /// <summary>The outbox row now carries the next attempt and is due only after its wait (plus the usual grace).</summary>
    private async Task PostponeOutboxAsync(ReceiptMessage again, TimeSpan delay, CancellationToken cancellationToken)
    {
        var row = PaymentRows.Outbox(again.TenantId, again.Subject, QueueNames.ReceiptsFetch, again.ToJson(), clock.GetUtcNow() + delay);
        await TenantData.UpsertCheckedAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    internal static async Task RecordFailureAsync(TableClient statements, StatementEntryRow entry, string reason, CancellationToken cancellationToken)
    {
        entry.ReceiptFailure = reason.Length > 1_000 ? reason[..1_000] : reason;
        try
        {
            await statements.UpdateCheckedAsync(entry, entry.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Changed meanwhile (perhaps linked by another delivery): the reason is only informative.
        }
    }

    private async Task DoneAsync(ReceiptMessage work, CancellationToken cancellationToken)
    {
        try
        {
            await TenantData.DeleteEntityAsync(TableKeys.TenantPartition(work.TenantId), TableKeys.OutboxRow(work.Subject), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Taken by an earlier delivery.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Receipt of {AccountId} {Reference} stored (sha-256 {Sha256})")]
    private static partial void LogStored(ILogger logger, string accountId, string reference, string sha256);

    [LoggerMessage(Level = LogLevel.Information, Message = "Receipt of {AccountId} {Reference} not available yet; attempt {Attempt} in {Delay}")]
    private static partial void LogRetry(ILogger logger, string accountId, string reference, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receipt of {AccountId} {Reference} given up: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, string accountId, string reference, string reason);
}
