using BankFunctions.Features.Auth;
using BankFunctions.Features.BankConnections;
using BankFunctions.Features.Approvals;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using BankFunctions.Domain.Ids;
using BankFunctions.Domain.Payments;

namespace BankFunctions.Features.Payments;

/// <summary>Builds payment and outbox rows; derives the references the bank will know the payment by.</summary>
public static class PaymentRows
{
    /// <summary>How long the outbox waits for the enqueue that normally follows the commit before the sweep re-drives it.</summary>
    /// <summary>
    /// How long past due work waits before the sweep re-drives it: longer than a message lease (30 s, renewed while a
    /// handler runs), so work in progress is not sent twice in the normal case (and twice is harmless anyway).
    /// </summary>
    public static readonly TimeSpan OutboxGrace = TimeSpan.FromMinutes(1);

    public static PaymentRow New(string tenantId, string paymentId, ValidPayment p, PaymentStatus initialStatus, int approvalsRequired, Caller caller,
        DateTimeOffset now, string? batchId = null, int? itemIndex = null, string kind = "payment")
    {
        var endToEndId = p.EndToEndId ?? PaymentId.Of(paymentId).DefaultEndToEndId;
        var status = initialStatus.ToWire();
        return new PaymentRow
        {
            PartitionKey = TableKeys.TenantPartition(tenantId),
            RowKey = TableKeys.PaymentRow(paymentId),
            PaymentId = paymentId,
            BatchId = batchId,
            ItemIndex = itemIndex,
            Kind = kind,
            DebtorAccountId = p.Debtor.AccountId,
            Bank = p.Debtor.Bank,
            Currency = p.Currency.Code,
            Amount = MoneyText.Format(p.Amount, p.Currency),
            CreditorName = p.CreditorName,
            CreditorIban = p.Iban,
            CreditorBic = p.Bic,
            CreditorAccountNumber = p.AccountNumber,
            CreditorBankCode = p.BankCode,
            RemittanceInformation = p.Remittance,
            RequestedExecutionDate = Day(p.ExecutionDate),
            ExecutionDate = Day(p.EffectiveExecutionDate ?? p.ExecutionDate),
            EndToEndId = endToEndId,
            BankReference = p.Bank?.Family.BankReference(paymentId, endToEndId) ?? endToEndId,
            Status = status,
            StatusHistory = StatusHistory.Start(new StatusChange(status, now)),
            ApprovalsRequired = approvalsRequired,
            CreatedBy = caller.Actor,
            CreatedByName = caller.ActorName,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>The day the bank executes the payment (its file's date); rows from before the column: the requested day.</summary>
    public static string ExecutionDate(PaymentRow p) => p.ExecutionDate ?? p.RequestedExecutionDate;

    /// <summary>The batch's (and each item's) execution day; rows from before the column: the requested day.</summary>
    public static string ExecutionDate(BatchRow b) => b.ExecutionDate ?? b.RequestedExecutionDate;

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The "waiting for a bank file" marker of an approved single payment (see <see cref="ReadyPaymentRow"/>).</summary>
    public static ReadyPaymentRow Ready(PaymentRow p) => new()
    {
        PartitionKey = p.PartitionKey,
        RowKey = TableKeys.ReadyRow(p.DebtorAccountId, ExecutionDate(p), p.Kind, p.PaymentId),
        PaymentId = p.PaymentId,
    };

    public static OutboxRow Outbox(string tenantId, string subjectId, string queue, string message, DateTimeOffset now) => new()
    {
        PartitionKey = TableKeys.TenantPartition(tenantId),
        RowKey = TableKeys.OutboxRow(subjectId),
        Queue = queue,
        Message = message,
        DueAt = now + OutboxGrace,
    };
}
