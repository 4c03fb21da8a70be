using Azure;
using Azure.Data.Tables;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Events;

/// <summary>
/// Hands the pending events of an account's statement partition (<see cref="AccountEvents"/>) to the tenant's pending
/// set, where <see cref="SequenceEvents"/> numbers them. The feed's counter is in the tenant partition of another table,
/// so no transaction can both number a statement partition's events and delete them; instead each pending row is
/// copied with a marker row (<see cref="EventRelayedRow"/>) in one transaction of the tenant partition, then the source
/// is deleted. A relay that crashed after the copy meets the marker (409), so it only deletes: every event reaches the
/// feed once. Called after an ingest and by <see cref="EventsSweep"/> for whatever a crash left behind.
/// </summary>
public sealed class EventRelay(StorageClients storage, EventNudge? nudge = null)
{
    /// <summary>Relays every pending row of <paramref name="statementPartition"/>; returns how many rows it copied.</summary>
    public async Task<int> RelayAsync(string statementPartition, CancellationToken cancellationToken)
    {
        var source = storage.Table(TableNames.Statements);
        var tenantData = storage.Table(TableNames.TenantData);
        var (tenantId, accountId) = (AccountEvents.TenantId(statementPartition), AccountEvents.AccountId(statementPartition));
        var copied = 0;
        var found = false;
        await foreach (var row in source.QueryAsync<PendingEventRow>(TableKeys.PrefixFilter(statementPartition, TableKeys.EventPendingPrefix), cancellationToken: cancellationToken))
        {
            found = true;
            var copy = new PendingEventRow
            {
                PartitionKey = TableKeys.TenantPartition(tenantId), RowKey = row.RowKey, Count = row.Count, At = row.At,
                Data0 = row.Data0, Data1 = row.Data1, Data2 = row.Data2, Data3 = row.Data3,
            };
            var marker = new EventRelayedRow { PartitionKey = copy.PartitionKey, RowKey = TableKeys.EventRelayedRow(accountId, row.RowKey), At = row.At };
            try
            {
                await tenantData.SubmitCheckedAsync([new(TableTransactionActionType.Add, copy), new(TableTransactionActionType.Add, marker)], cancellationToken);
                copied++;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                // Relayed before (by another relay, or by this one before a crash): only the source is left to delete.
            }
            try
            {
                await source.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Another relay deleted it.
            }
        }
        if (found && nudge is not null)
        {
            await nudge.SendAsync(tenantId, cancellationToken);
        }
        return copied;
    }

    /// <summary>Whether <paramref name="statementPartition"/> holds events not yet relayed (one row read at most).</summary>
    public async Task<bool> HasPendingAsync(string statementPartition, CancellationToken cancellationToken)
    {
        await foreach (var _ in storage.Table(TableNames.Statements).QueryAsync<PendingEventRow>(
            TableKeys.PrefixFilter(statementPartition, TableKeys.EventPendingPrefix), maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return true;
        }
        return false;
    }
}
