using BankFunctions.Features.Accounts;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Dispatch;

/// <summary>Assembles what a protocol needs for a file: its connection, debtor account and payments.</summary>
public sealed class BankFileRequests(StorageClients storage, AccountCache accounts, BankFileStore files)
{
    public async Task<BankFileRequest> LoadAsync(BankFileRow file, CancellationToken cancellationToken)
    {
        var tenantId = file.PartitionKey;
        var debtor = await accounts.FindAsync(tenantId, file.DebtorAccountId, cancellationToken)
            ?? throw new InvalidOperationException($"Account {file.DebtorAccountId} of file {file.FileId} is missing.");
        var connection = await storage.Table(TableNames.TenantData).GetEntityAsync<BankConnectionRow>(
            TableKeys.TenantPartition(tenantId), TableKeys.BankConnectionRow(file.ConnectionId), cancellationToken: cancellationToken);
        return new BankFileRequest(file, connection.Value, debtor, await files.PaymentsAsync(file, cancellationToken));
    }
}
