using Azure;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Features.Receipts;

/// <summary>
/// receipts-fetch-poison: receipt work whose handler failed five deliveries in a row (storage or key store trouble —
/// the bank's own "not yet" and outages never throw, they back off). Its outbox row is still there, so the outbox sweep
/// sends it again; after <see cref="MaxRedrives"/> sweeps that also ended here the receipt is given up, the reason kept
/// on the entry and the row removed, so a receipt that can never be fetched does not cycle for ever.
/// </summary>
public sealed partial class PoisonedReceipts(StorageClients storage, ILogger<PoisonedReceipts> logger) : IQueueHandler
{
    public const int MaxRedrives = 3;

    public async Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken)
    {
        ReceiptMessage work;
        try
        {
            work = ReceiptMessage.Parse(message.Body);
        }
        catch (System.Text.Json.JsonException)
        {
            return; // Not ours to explain.
        }
        var tenantData = storage.Table(TableNames.TenantData);
        var outbox = await tenantData.GetEntityIfExistsAsync<OutboxRow>(TableKeys.TenantPartition(work.TenantId), TableKeys.OutboxRow(work.Subject),
            cancellationToken: cancellationToken);
        if (!outbox.HasValue || outbox.Value!.Attempts < MaxRedrives)
        {
            LogPoisoned(logger, work.AccountId, work.Reference, outbox.HasValue);
            return; // Done meanwhile, or the sweep tries again.
        }
        var statements = storage.Table(TableNames.Statements);
        if (await FetchReceipt.FindEntryAsync(statements, TableKeys.StatementPartition(work.TenantId, work.AccountId), work.Reference, cancellationToken) is { } entry
            && entry.ReceiptBlob is null)
        {
            await FetchReceipt.RecordFailureAsync(statements, entry, $"Fetching the receipt failed five deliveries in a row, {outbox.Value.Attempts + 1} times over; given up.", cancellationToken);
        }
        await tenantData.DeleteEntityAsync(outbox.Value.PartitionKey, outbox.Value.RowKey, ETag.All, cancellationToken);
        LogGaveUp(logger, work.AccountId, work.Reference);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Receipt work for {AccountId} {Reference} was poisoned (outbox row left for the sweep: {Pending})")]
    private static partial void LogPoisoned(ILogger logger, string accountId, string reference, bool pending);

    [LoggerMessage(Level = LogLevel.Error, Message = "Receipt of {AccountId} {Reference} given up after repeated poisoning")]
    private static partial void LogGaveUp(ILogger logger, string accountId, string reference);
}
