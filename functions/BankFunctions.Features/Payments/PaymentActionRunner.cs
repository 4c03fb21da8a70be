using Azure.Data.Tables;
using BankFunctions.Domain.Payments;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Dispatch;
using BankFunctions.Features.Outbox;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Payments;

/// <summary>The row as committed (null: not found), or why the action was refused (nothing written).</summary>
public sealed record ActionOutcome<TRow>(TRow? Row, Refusal? Refusal) where TRow : class;

/// <summary>
/// The one effect runner of the payment and batch actions (approve, reject, cancel): reads the row, asks the pure
/// decision, turns its effects into one entity-group transaction guarded by the row's ETag (and the bank file's, when
/// a cancel closes it) with the audit entry built by the injected <see cref="AuditRows"/>, and enqueues
/// what the decision queued once that commits. A 412 means someone changed a row first: read again, decide again, so
/// two racing approvers produce one result.
/// </summary>
public sealed class PaymentActionRunner(StorageClients storage, BankFileStore files, BatchItemStatuses items, IQueueSender queue, AuditRows audit)
{
    private const int Attempts = 10;

    private TableClient Table => storage.Table(TableNames.TenantData);

    /// <summary>
    /// Runs <paramref name="decide"/> on the payment (and, when <paramref name="withFile"/> and it is signing, its bank
    /// file) until its effects commit without a concurrent change.
    /// </summary>
    public async Task<ActionOutcome<PaymentRow>> RunAsync(string tenantId, string paymentId, Caller caller, bool withFile,
        Func<PaymentState, SigningFile?, PaymentDecision> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var found = await Table.GetEntityIfExistsAsync<PaymentRow>(TableKeys.TenantPartition(tenantId), TableKeys.PaymentRow(paymentId), cancellationToken: cancellationToken);
            var row = found.HasValue ? found.Value : null;
            if (row is null || !caller.MaySee(row.DebtorAccountId))
            {
                return new(null, null); // a person limited to other accounts does not learn it exists
            }
            var file = withFile && row.FileId is { } fileId && PaymentTransitions.StatusOf(row) == PaymentStatus.Signing
                ? await files.FindAsync(tenantId, fileId, cancellationToken)
                : null;
            switch (decide(PaymentState.From(row), SigningFile.From(file)))
            {
                case PaymentDecision.Refused refused:
                    return new(row, refused.Refusal);
                case PaymentDecision.Accepted accepted:
                    try
                    {
                        await Table.SubmitCheckedAsync(Stage(row, file, accepted, caller, audit), cancellationToken);
                    }
                    catch (TableTransactionFailedException e) when (e.Status == 412)
                    {
                        break; // The payment moved, or dispatch claimed its file: decide again on what is there now.
                    }
                    if (accepted.QueueForSigning)
                    {
                        // If this fails or the process dies here, the outbox row makes the sweep enqueue it later.
                        await queue.TrySendAsync(QueueNames.PaymentsSign, new SignMessage(tenantId, row.PaymentId, null).ToJson(), CancellationToken.None);
                    }
                    return new(row, null);
            }
        }
        throw new InvalidOperationException("The payment kept changing while being transitioned.");
    }

    /// <summary>As <see cref="RunAsync"/> for a batch header; once the header commits, its items follow (<see cref="BatchItemStatuses"/>).</summary>
    public async Task<ActionOutcome<BatchRow>> RunBatchAsync(string tenantId, string batchId, Caller caller, string function,
        Func<BatchState, BatchDecision> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var found = await Table.GetEntityIfExistsAsync<BatchRow>(TableKeys.TenantPartition(tenantId), TableKeys.BatchRow(batchId), cancellationToken: cancellationToken);
            var row = found.HasValue ? found.Value : null;
            if (row is null || !caller.MaySee(row.DebtorAccountId))
            {
                return new(null, null);
            }
            switch (decide(BatchState.From(row)))
            {
                case BatchDecision.Refused refused:
                    return new(row, refused.Refusal);
                case BatchDecision.Accepted accepted:
                    try
                    {
                        await Table.SubmitCheckedAsync(Stage(row, accepted, caller, audit), cancellationToken);
                    }
                    catch (TableTransactionFailedException e) when (e.Status == 412)
                    {
                        break;
                    }
                    if (accepted.Move?.Items is { } move)
                    {
                        // Idempotent: a crash before this is finished by the outbox sweep (approve) or a retried request.
                        await items.MoveAsync(row.PartitionKey, row.BatchId, move.From, move.To, move.By, move.Reason, function, cancellationToken);
                    }
                    if (accepted.QueueForSigning)
                    {
                        await queue.TrySendAsync(QueueNames.PaymentsSign, new SignMessage(row.PartitionKey, null, row.BatchId).ToJson(), CancellationToken.None);
                    }
                    return new(row, null);
            }
        }
        throw new InvalidOperationException("The batch kept changing while being transitioned.");
    }

    /// <summary>Applies an accepted payment decision to the rows and lists the transaction that stores it: the row (ETag), its file (ETag), outbox, ready marker, audit.</summary>
    internal static List<TableTransactionAction> Stage(PaymentRow row, BankFileRow? file, PaymentDecision.Accepted effects, Caller caller, AuditRows audit)
    {
        var before = PaymentView.From(row);
        var at = effects.At;
        if (effects.Approval is { } levels)
        {
            PaymentApprovals.Store(row, levels);
        }
        if (effects.Move is { } move)
        {
            var statusReason = row.StatusReason;
            PaymentTransitions.Apply(row, move.To, move.By, at, move.Reason, move.BankCode, move.IsoCode);
            if (move.ReasonIsNote)
            {
                row.StatusReason = statusReason;
            }
        }
        if (effects.Attention is { } attention)
        {
            PaymentAttention.Apply(row, attention);
        }
        row.UpdatedAt = at;
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, row, row.ETag) };
        if (effects.QueueForSigning)
        {
            actions.Add(new(TableTransactionActionType.UpsertReplace,
                PaymentRows.Outbox(row.PartitionKey, row.PaymentId, QueueNames.PaymentsSign, new SignMessage(row.PartitionKey, row.PaymentId, null).ToJson(), at)));
            if (row.BatchId is null)
            {
                actions.Add(new(TableTransactionActionType.UpsertReplace, PaymentRows.Ready(row)));
            }
        }
        if (effects.CloseFile is { } lastError)
        {
            var closing = file ?? throw new InvalidOperationException($"Payment {row.PaymentId} has no bank file to close.");
            closing.State = BankFileStates.Final;
            closing.LastError = lastError;
            closing.LastErrorCode = null;
            closing.BankUnavailableSince = null;
            closing.NextAttemptAt = null;
            closing.UpdatedAt = at;
            actions.Add(new(TableTransactionActionType.UpdateReplace, closing, closing.ETag));
        }
        actions.Add(new(TableTransactionActionType.Add, audit.Row(row.PartitionKey, caller, effects.AuditAction, row.PaymentId, before, PaymentView.From(row), at)));
        return actions;
    }

    /// <summary>Applies an accepted batch decision to the header and lists its transaction: header (ETag), outbox, audit.</summary>
    internal static List<TableTransactionAction> Stage(BatchRow row, BatchDecision.Accepted effects, Caller caller, AuditRows audit)
    {
        var before = BatchView.From(row);
        var at = effects.At;
        if (effects.Approval is { } levels)
        {
            PaymentApprovals.Store(row, levels);
        }
        if (effects.Move is { } move)
        {
            var status = BatchStateMachine.Move(BatchStatusNames.Parse(row.Status), move.To, move.By).ToWire();
            row.Status = status;
            row.StatusHistory = StatusHistory.Append(row.StatusHistory, new StatusChange(status, at, move.Reason));
        }
        row.UpdatedAt = at;
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, row, row.ETag) };
        if (effects.QueueForSigning)
        {
            actions.Add(new(TableTransactionActionType.UpsertReplace,
                PaymentRows.Outbox(row.PartitionKey, row.BatchId, QueueNames.PaymentsSign, new SignMessage(row.PartitionKey, null, row.BatchId).ToJson(), at)));
        }
        actions.Add(new(TableTransactionActionType.Add, audit.Row(row.PartitionKey, caller, effects.AuditAction, row.BatchId, before, BatchView.From(row), at)));
        return actions;
    }
}
