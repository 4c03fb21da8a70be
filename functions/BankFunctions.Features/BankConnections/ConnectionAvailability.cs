using Azure.Data.Tables;
using BankFunctions.Features.Events;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.BankConnections;

/// <summary>What a <c>bank_connection.unavailable|available</c> event carries.</summary>
public sealed record BankConnectionAvailabilityView(string ConnectionId, string Bank, bool Available, DateTimeOffset Since, string? LastErrorCode);

/// <summary>
/// Flips a tenant's bank connection between available and unavailable and announces the flip (issue #14). The circuit
/// breaker of <c>BankHttpChannel</c> lives in each instance's memory, opening and closing per instance, so its flips
/// are no tenant's fact and have no transaction to join. What is persisted per tenant is the stages' experience: a
/// file that has to wait for its bank (<see cref="Dispatch.BankWaits"/>) makes the connection unavailable, a waiting
/// file that hears from the bank again makes it available. The state is a row in the tenant partition
/// (<see cref="BankConnectionHealthRow"/>), flipped under its ETag in one transaction with the event; a report that
/// matches the stored state writes nothing, so many files waiting on one outage make one event, not one each.
/// </summary>
public sealed class ConnectionAvailability(StorageClients storage, TimeProvider clock, EventNudge? nudge = null)
{
    public const string Unavailable = "bank_connection.unavailable";
    public const string Available = "bank_connection.available";

    /// <summary>Records what a stage saw; true when this call flipped the state (and committed its event).</summary>
    public async Task<bool> ReportAsync(string tenantId, string connectionId, string bank, bool available, string? errorCode, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.TenantData);
        var partition = TableKeys.TenantPartition(tenantId);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var found = await table.GetEntityIfExistsAsync<BankConnectionHealthRow>(partition, TableKeys.BankConnectionHealthRow(connectionId), cancellationToken: cancellationToken);
            var stored = found.HasValue ? found.Value : null;
            // Never seen unavailable: available is what it always was.
            if ((stored?.Available ?? true) == available)
            {
                return false;
            }
            var now = clock.GetUtcNow();
            var row = new BankConnectionHealthRow
            {
                PartitionKey = partition, RowKey = TableKeys.BankConnectionHealthRow(connectionId), ConnectionId = connectionId, Bank = bank,
                Available = available, Since = now, LastErrorCode = available ? stored?.LastErrorCode : errorCode,
            };
            var view = new BankConnectionAvailabilityView(connectionId, bank, available, now, row.LastErrorCode);
            var pending = EventRows.PendingRowIn(partition, [new EventDraft(available ? Available : Unavailable, connectionId, view)], now);
            try
            {
                await table.SubmitCheckedAsync([
                    stored is null ? new(TableTransactionActionType.Add, row) : new(TableTransactionActionType.UpdateReplace, row, stored.ETag),
                    new(TableTransactionActionType.Add, pending)], cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                continue; // Another stage reported meanwhile: compare with what it wrote.
            }
            if (nudge is not null)
            {
                await nudge.SendAsync(tenantId, cancellationToken);
            }
            return true;
        }
        return false;
    }
}
