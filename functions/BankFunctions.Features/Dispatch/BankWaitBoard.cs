using Azure.Data.Tables;
using BankFunctions.Features.Payments;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Dispatch;

/// <summary>
/// Which banks are being waited out right now, derived from what the dispatch and status stages record
/// (<see cref="BankWaitRow"/>), so GET /health can say "degraded" for a bank whose calls fail while its home page
/// still answers. A row is last-writer-wins: it is a signal for operators, and each file keeps its own exact wait.
/// The same reports flip the file's tenant connection (<see cref="BankConnections.ConnectionAvailability"/>), whose
/// flips are the tenant's <c>bank_connection.unavailable|available</c> events.
/// </summary>
public sealed class BankWaitBoard(StorageClients storage, TimeProvider clock, BankConnections.ConnectionAvailability? connections = null)
{
    private TableClient Table => storage.Table(TableNames.Tenants);

    /// <summary>
    /// Waiting means: the latest call failed after the bank last answered, and a retry is still scheduled (allowing the
    /// outbox grace for a retry whose message was lost). A bank nobody is waiting for any more is not reported.
    /// </summary>
    public static bool IsWaiting(BankWaitRow? row, DateTimeOffset now) =>
        row is not null && (row.AnsweredAt is null || row.LastUnavailableAt > row.AnsweredAt) && now <= row.NextAttemptAt + PaymentRows.OutboxGrace;

    /// <summary>A file of a tenant has to wait for its bank: the bank's row, and the tenant's connection unavailable.</summary>
    public async Task RecordWaitAsync(BankFileRow file, DateTimeOffset nextAttemptAt, string? errorCode, CancellationToken cancellationToken)
    {
        await RecordWaitAsync(file.Bank, nextAttemptAt, errorCode, cancellationToken);
        if (connections is not null)
        {
            await connections.ReportAsync(file.PartitionKey, file.ConnectionId, file.Bank, available: false, errorCode, cancellationToken);
        }
    }

    /// <summary>A waiting file of a tenant heard from its bank: the bank's row, and the tenant's connection available.</summary>
    public async Task RecordAnswerAsync(BankFileRow file, CancellationToken cancellationToken)
    {
        await RecordAnswerAsync(file.Bank, cancellationToken);
        if (connections is not null)
        {
            await connections.ReportAsync(file.PartitionKey, file.ConnectionId, file.Bank, available: true, null, cancellationToken);
        }
    }

    public async Task RecordWaitAsync(string bank, DateTimeOffset nextAttemptAt, string? errorCode, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var row = await FindAsync(bank, cancellationToken);
        var waiting = IsWaiting(row, now);
        await Table.UpsertCheckedAsync(new BankWaitRow
        {
            PartitionKey = TableKeys.BankWaitPartition,
            RowKey = bank,
            UnavailableSince = waiting ? row!.UnavailableSince : now,
            LastUnavailableAt = now,
            NextAttemptAt = waiting && row!.NextAttemptAt > nextAttemptAt ? row.NextAttemptAt : nextAttemptAt,
            LastErrorCode = errorCode,
            AnsweredAt = row?.AnsweredAt,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>A file that had waited heard from the bank again.</summary>
    public async Task RecordAnswerAsync(string bank, CancellationToken cancellationToken)
    {
        var row = await FindAsync(bank, cancellationToken);
        if (row is null)
        {
            return;
        }
        row.AnsweredAt = clock.GetUtcNow();
        await Table.UpsertCheckedAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, BankWaitRow>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, BankWaitRow>(StringComparer.Ordinal);
        await foreach (var row in Table.QueryAsync<BankWaitRow>($"PartitionKey eq '{TableKeys.BankWaitPartition}'", cancellationToken: cancellationToken))
        {
            rows[row.RowKey] = row;
        }
        return rows;
    }

    private async Task<BankWaitRow?> FindAsync(string bank, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<BankWaitRow>(TableKeys.BankWaitPartition, bank, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }
}
