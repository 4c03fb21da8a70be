using BankFunctions.Domain;
using System.Globalization;
using BankFunctions.Banks;
using BankFunctions.Features.Accounts;
using BankFunctions.Features.BankConnections;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Dispatch;

/// <summary>
/// A bank file as the dispatch stages handle it: the file row and its payments, and the same file as its bank's
/// adapter takes it (<see cref="PaymentFile"/>: connection, debtor, payments) with that <see cref="Adapter"/>.
/// </summary>
public sealed record BankFileRequest(BankFileRow File, IReadOnlyList<PaymentRow> Payments, PaymentFile PaymentFile, IBankAdapter Adapter);

/// <summary>Assembles a file's request: its connection, debtor account and payments, and its bank's adapter.</summary>
public class BankFileRequests(StorageClients storage, AccountCache accounts, BankFileStore files, BankAdapters adapters)
{
    public async Task<BankFileRequest> LoadAsync(BankFileRow file, CancellationToken cancellationToken)
    {
        var tenantId = file.PartitionKey;
        var debtor = await accounts.FindAsync(tenantId, file.DebtorAccountId, cancellationToken)
            ?? throw new InvalidOperationException($"Account {file.DebtorAccountId} of file {file.FileId} is missing.");
        var connection = await storage.Table(TableNames.TenantData).GetEntityAsync<BankConnectionRow>(
            TableKeys.TenantPartition(tenantId), TableKeys.BankConnectionRow(file.ConnectionId), cancellationToken: cancellationToken);
        var payments = await files.PaymentsAsync(file, cancellationToken);
        var paymentFile = new PaymentFile(
            await adapters.ConnectionAsync(connection.Value, cancellationToken),
            file.FileId,
            file.MessageId,
            PaymentFile.KindOf(file.Kind == "payroll", payments.Count),
            file.CreatedAt,
            DateOnly.ParseExact(file.ExecutionDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            new BankParty(debtor.Name, debtor.Iban, debtor.AccountNumber, debtor.Bic),
            payments.Select(Instruction).ToList());
        return new BankFileRequest(file, payments, paymentFile, AdapterFor(file.Bank));
    }

    /// <summary>The adapter of the file's bank; a test stands in a bank of its own here.</summary>
    protected virtual IBankAdapter AdapterFor(string bank) => adapters.Payments(bank);

    private static PaymentInstruction Instruction(PaymentRow p) => new(
        p.BankReference,
        Money.Parse(p.Amount, p.Currency),
        new BankParty(p.CreditorName, p.CreditorIban, p.CreditorAccountNumber, p.CreditorBic),
        p.CreditorBankCode,
        p.RemittanceInformation);
}
