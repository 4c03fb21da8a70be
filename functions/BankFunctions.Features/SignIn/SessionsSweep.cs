using Azure;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.SignIn;

/// <summary>
/// Timer sessions-sweep: deletes the Sessions rows nobody will use again — sessions past their absolute or idle end,
/// and sign-ins never finished — which a request would delete only if their cookie came back. The ends are filtered in
/// the table service, so only expired rows travel.
/// </summary>
public sealed class SessionsSweep(StorageClients storage, TimeProvider clock) : ITimerHandler
{
    public const string Schedule = "0 20 * * * *";

    public async Task RunAsync(TimerTick tick, CancellationToken cancellationToken) => await SweepAsync(cancellationToken);

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = $"datetime'{clock.GetUtcNow().UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffffZ}'";
        var table = storage.Table(TableNames.Sessions);
        var deleted = 0;
        await foreach (var row in table.QueryAsync<SessionRow>($"ExpiresAt lt {now} or IdleUntil lt {now}",
            select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            deleted += await DeleteAsync(table, row.PartitionKey, row.RowKey, cancellationToken);
        }
        return deleted;
    }

    private static async Task<int> DeleteAsync(Azure.Data.Tables.TableClient table, string partition, string row, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partition, row, ETag.All, cancellationToken);
            return 1;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0; // its own request or sign-out got there first
        }
    }
}
