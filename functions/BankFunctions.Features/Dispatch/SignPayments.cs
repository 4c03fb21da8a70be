using BankFunctions.Domain.Payments;
using BankFunctions.Storage.Guard;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using BankFunctions.Features.Accounts;
using BankFunctions.Features.Approvals;
using BankFunctions.Features.Outbox;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;
using BankFunctions.Domain.Ids;

namespace BankFunctions.Features.Dispatch;

/// <summary>
/// payments-sign: groups approved payments into one bank file per (tenant, debtor account, bank, execution date),
/// screens each one's creditor name first (<see cref="Screening.ScreeningGate"/>: a hit is held in screening_hold, not sent),
/// moves them approved → signing with the file id (ETag-guarded, in the same transaction as the file row), builds and
/// signs the file once, stores file and signature in Blob Storage, and hands the file to payments-dispatch.
/// Redelivery resumes whatever step was reached; nothing is built twice differently (file contents are derived
/// from stored rows only).
/// </summary>
public sealed class SignPayments(
    StorageClients storage, BankFileStore files, BankFileRequests requests, ApprovalRulesStore rules,
    AccountCache accounts, PaymentStore payments, PaymentReferences.PaymentReferenceIndex references, IQueueSender queue, TimeProvider clock, AuditRows audit,
    Screening.ScreeningGate screening) : IQueueHandler
{
    /// <summary>A file of single payments is written with its payments, their audit row and their events in one ≤ 100-entity transaction.</summary>
    public const int MaxSinglesPerFile = 97;

    public async Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken)
    {
        var sign = SignMessage.Parse(message.Body);
        var file = sign.BatchId is not null
            ? await FileForBatchAsync(sign.TenantId, sign.BatchId, cancellationToken)
            : await FileForPaymentAsync(sign.TenantId, sign.PaymentId!, cancellationToken);
        if (file is null)
        {
            await files.DeleteOutboxAsync(sign.TenantId, sign.BatchId ?? sign.PaymentId!, cancellationToken);
            return;
        }
        await PrepareAsync(file, cancellationToken);
        await files.DeleteOutboxAsync(sign.TenantId, sign.BatchId ?? sign.PaymentId!, cancellationToken);
    }

    private async Task<BankFileRow?> FileForPaymentAsync(string tenantId, string paymentId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            if (attempt > 0)
            {
                // Concurrent sign messages for the same account race to group the same payments; back off a little, with
                // jitter, so one of them wins quickly instead of all retrying in step.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 + (attempt * 10))), cancellationToken);
            }
            var payment = await payments.FindAsync(tenantId, paymentId, cancellationToken);
            if (payment is null || payment.BatchId is not null)
            {
                return null;
            }
            if (PaymentTransitions.StatusOf(payment) != PaymentStatus.Approved)
            {
                // Already in a file (resume it), or cancelled/rejected meanwhile (nothing to do).
                return payment.FileId is not null && PaymentTransitions.StatusOf(payment) == PaymentStatus.Signing
                    ? await files.FindAsync(tenantId, payment.FileId, cancellationToken)
                    : null;
            }
            if (await StillApprovedAsync(payment, cancellationToken) is false)
            {
                return null;
            }
            // Sanctions screening (issue #17) before anything is built: a hit is held, never signed or sent.
            var pass = await screening.BeginAsync(cancellationToken);
            if (pass.Check(payment) is { } hit)
            {
                if (await pass.HoldAsync(payment, hit, nameof(SignPayments), cancellationToken))
                {
                    return null;
                }
                continue; // It changed meanwhile: read it again.
            }
            var (group, stale) = await GroupAsync(payment, pass, cancellationToken);
            var now = clock.GetUtcNow();
            var debtor = await accounts.FindAsync(tenantId, payment.DebtorAccountId, cancellationToken)
                ?? throw new InvalidOperationException("debtor account missing");
            var file = NewFile(tenantId, FileId.New(now).Value, debtor, PaymentRows.ExecutionDate(payment), payment.Kind, null, now);
            file.PaymentIds = string.Join(',', group.Select(p => p.PaymentId));
            file.PaymentCount = group.Count;
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, file) };
            var moved = new List<(PaymentRow, string)>();
            foreach (var p in group)
            {
                moved.Add((p, p.Status));
                p.FileId = file.FileId;
                PaymentTransitions.Apply(p, PaymentStatus.Signing, PaymentTrigger.StartSigning, now);
                actions.Add(new(TableTransactionActionType.UpdateReplace, p, p.ETag));
            }
            actions.Add(new(TableTransactionActionType.Add, TransitionAudit.Row(audit, nameof(SignPayments), moved, now)));
            try
            {
                var result = await storage.Table(TableNames.TenantData).SubmitCheckedAsync(actions, cancellationToken);
                file.ETag = result.Value[0].Headers.ETag ?? file.ETag;
                await ForgetReadyAsync(stale.Concat(group.Select(PaymentRows.Ready)), cancellationToken);
                return file;
            }
            catch (TableTransactionFailedException e) when (e.Status == 412)
            {
                // A payment of the group changed (cancelled, or taken into another file): group again.
            }
        }
        throw new InvalidOperationException("Could not group payments into a file; will retry.");
    }

    /// <summary>A batch is one file, whose id is derived from the batch id, so a redelivered message finds it again.</summary>
    private async Task<BankFileRow?> FileForBatchAsync(string tenantId, string batchId, CancellationToken cancellationToken)
    {
        var header = await payments.FindBatchAsync(tenantId, batchId, cancellationToken);
        if (header is null || BatchStatusNames.Parse(header.Status) != BatchStatus.Approved || !header.Complete)
        {
            return null;
        }
        var fileId = BatchId.Of(batchId).FileId.Value;
        var file = await files.FindAsync(tenantId, fileId, cancellationToken);
        if (file is null)
        {
            var debtor = await accounts.FindAsync(tenantId, header.DebtorAccountId, cancellationToken)
                ?? throw new InvalidOperationException("debtor account missing");
            file = NewFile(tenantId, fileId, debtor, PaymentRows.ExecutionDate(header), header.Kind == "payroll" ? "payroll" : "payment", batchId, clock.GetUtcNow());
            file.PaymentCount = header.ItemCount;
            try
            {
                var added = await storage.Table(TableNames.TenantData).AddCheckedAsync(file, cancellationToken);
                file.ETag = added.Headers.ETag ?? file.ETag;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                file = await files.FindAsync(tenantId, fileId, cancellationToken) ?? throw new InvalidOperationException("file vanished");
            }
        }
        if (file.State == BankFileStates.Preparing)
        {
            var filter = BatchItems.Filter(tenantId, batchId);
            var items = new List<PaymentRow>();
            await foreach (var item in storage.Table(TableNames.TenantData).QueryAsync<PaymentRow>(filter, cancellationToken: cancellationToken))
            {
                items.Add(item);
            }
            await files.TransitionAsync(items, (p, now) =>
            {
                // Its batch is approved: an item the batch approval has not reached yet is approved on the way.
                PaymentTransitions.TryApply(p, PaymentStatus.Approved, PaymentTrigger.Approve, now);
                if (!PaymentStateMachine.CanMove(PaymentTransitions.StatusOf(p), PaymentStatus.Signing, PaymentTrigger.StartSigning))
                {
                    return false;
                }
                p.FileId = fileId;
                return PaymentTransitions.Apply(p, PaymentStatus.Signing, PaymentTrigger.StartSigning, now);
            }, nameof(SignPayments), cancellationToken);
        }
        return file;
    }

    /// <summary>
    /// The workflow may have been tightened since approval (it is cached briefly at acceptance): a payment whose
    /// approvals do not meet what the current workflow asks goes back to pending_approval, with the unmet part added
    /// to its snapshot (never lowered), before anything is sent.
    /// </summary>
    private async Task<bool> StillApprovedAsync(PaymentRow payment, CancellationToken cancellationToken)
    {
        var workflow = await rules.GetWorkflowAsync(payment.PartitionKey, cancellationToken, fresh: true);
        // The same requirement as at submission: the workflow's levels plus the first-payment extra recorded on the payment.
        var tightened = ApprovalLevelRules.Tighten(PaymentApprovals.Snapshot(payment), PaymentApprovals.Levels(workflow, payment));
        if (tightened is null)
        {
            return true;
        }
        var from = payment.Status;
        var now = clock.GetUtcNow();
        PaymentApprovals.Store(payment, tightened);
        PaymentTransitions.Apply(payment, PaymentStatus.PendingApproval, PaymentTrigger.RequireApproval, now, "Approval rules changed: more approvals are needed.");
        try
        {
            await storage.Table(TableNames.TenantData).SubmitCheckedAsync(
            [
                new(TableTransactionActionType.UpdateReplace, payment, payment.ETag),
                new(TableTransactionActionType.Add, TransitionAudit.Row(audit, nameof(SignPayments), [(payment, from)], now)),
            ], cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 412)
        {
            throw new InvalidOperationException("Payment changed while re-checking approvals; will retry.", e);
        }
        return false;
    }

    /// <summary>
    /// The payment of this message and up to <see cref="MaxSinglesPerFile"/> − 1 others approved for the same debtor
    /// account, execution date and kind, found through their ready rows (one prefix query, then point reads).
    /// </summary>
    private async Task<(List<PaymentRow> Group, List<ReadyPaymentRow> Stale)> GroupAsync(PaymentRow first, Screening.ScreeningGate.Pass screen, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.TenantData);
        var ready = new List<ReadyPaymentRow>();
        await foreach (var row in table.QueryAsync<ReadyPaymentRow>(
            TableKeys.PrefixFilter(first.PartitionKey, TableKeys.ReadyPrefix(first.DebtorAccountId, PaymentRows.ExecutionDate(first), first.Kind)),
            cancellationToken: cancellationToken))
        {
            ready.Add(row);
        }
        var group = new List<PaymentRow> { first };
        var stale = new List<ReadyPaymentRow>();
        var candidates = ready.Where(r => r.PaymentId != first.PaymentId).ToList();
        foreach (var wave in candidates.Chunk(32))
        {
            if (group.Count >= MaxSinglesPerFile)
            {
                break;
            }
            var rows = await Task.WhenAll(wave.Select(r => payments.FindAsync(first.PartitionKey, r.PaymentId, cancellationToken)));
            for (var i = 0; i < wave.Length; i++)
            {
                var p = rows[i];
                if (p is { BatchId: null, FileId: null } && PaymentTransitions.StatusOf(p) == PaymentStatus.Approved)
                {
                    if (screen.Check(p) is { } hit)
                    {
                        // Held here, or changed meanwhile (its own sign message decides it): not in this file either way.
                        await screen.HoldAsync(p, hit, nameof(SignPayments), cancellationToken);
                        stale.Add(wave[i]);
                    }
                    else if (group.Count < MaxSinglesPerFile)
                    {
                        group.Add(p);
                    }
                }
                else
                {
                    stale.Add(wave[i]);
                }
            }
        }
        return (group, stale);
    }

    /// <summary>Ready rows of payments now in a file, and stale ones; best effort — a row left behind is found stale later.</summary>
    private async Task ForgetReadyAsync(IEnumerable<ReadyPaymentRow> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.DistinctBy(r => r.RowKey).Chunk(100))
        {
            try
            {
                await storage.Table(TableNames.TenantData).SubmitCheckedAsync(
                    chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken);
            }
            catch (TableTransactionFailedException)
            {
                // One of them is gone already (another sign message cleaned it): the rest go with the next grouping.
            }
        }
    }

    private static BankFileRow NewFile(string tenantId, string fileId, AccountRow debtor, string executionDate, string kind, string? batchId, DateTimeOffset now) => new()
    {
        PartitionKey = TableKeys.TenantPartition(tenantId),
        RowKey = TableKeys.BankFileRow(fileId),
        FileId = fileId,
        Bank = debtor.Bank,
        ConnectionId = debtor.BankConnectionId,
        DebtorAccountId = debtor.AccountId,
        ExecutionDate = executionDate,
        Kind = kind,
        BatchId = batchId,
        MessageId = FileId.Of(fileId).MessageId,
        CreatedAt = now,
        UpdatedAt = now,
        State = BankFileStates.Preparing,
    };

    /// <summary>Builds, signs and stores the file once, then hands it to dispatch (idempotent from any state; the outbox covers a crash).</summary>
    private async Task PrepareAsync(BankFileRow file, CancellationToken cancellationToken)
    {
        var message = new FileMessage(file.PartitionKey, file.FileId).ToJson();
        if (file.State == BankFileStates.Preparing)
        {
            var request = await requests.LoadAsync(file, cancellationToken);
            var built = await request.Adapter.PreparePaymentFileAsync(request.PaymentFile, cancellationToken);
            if (!built.IsSuccess)
            {
                // Nothing was signed; the same rows would be refused again.
                throw new InvalidOperationException($"The bank adapter refused to prepare file {file.FileId}: {built.ErrorCode}: {built.ErrorMessage}");
            }
            var prepared = built.Value!;
            var container = storage.Blobs.GetBlobContainerClient(BlobContainers.BankFiles);
            // Named per attempt: two instances preparing the same file at once (a grouped payment's own sign message)
            // make different bytes (signatures are randomised; the CMB envelope carries its signature), and only the one
            // whose file-row transaction wins is what the row names — and what dispatch sends. The other stays unused.
            var attempt = TimeOrderedId.New("", clock.GetUtcNow());
            file.ContentBlob = $"{file.PartitionKey}/{file.FileId}/{attempt}/content";
            file.SignatureBlob = $"{file.PartitionKey}/{file.FileId}/{attempt}/signature";
            // Independent writes, all before the file is marked prepared (so before anything can reach the bank): the
            // file and its signature as sent, and the reference index that statements reconcile against.
            await Task.WhenAll(
                references.WriteAsync(file.PartitionKey, file.DebtorAccountId, request.Payments, cancellationToken),
                container.GetBlobClient(file.ContentBlob).UploadAsync(new BinaryData(prepared.Document),
                    new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = prepared.ContentType } }, cancellationToken),
                container.GetBlobClient(file.SignatureBlob).UploadAsync(new BinaryData(prepared.Signature.Signature), overwrite: true, cancellationToken));
            file.SignatureAlgorithm = prepared.Signature.Algorithm;
            file.SigningKeyId = prepared.Signature.KeyId;
            file.State = BankFileStates.Prepared;
            var now = clock.GetUtcNow();
            file.UpdatedAt = now;
            var outbox = PaymentRows.Outbox(file.PartitionKey, file.FileId, QueueNames.PaymentsDispatch, message, now);
            try
            {
                await storage.Table(TableNames.TenantData).SubmitCheckedAsync(
                    [new(TableTransactionActionType.UpdateReplace, file, file.ETag), new(TableTransactionActionType.UpsertReplace, outbox)], cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 412)
            {
                return; // Another instance prepared it and hands it to dispatch.
            }
            // Only the attempt that prepared the file hands it on. The sign messages of the file's other payments find it
            // prepared and leave it: each sending a dispatch message too made dispatch deliveries race (one failing on the
            // file's ETag, a duplicate send refused by the bank). If this process dies before the send, the dispatch
            // outbox row written above re-drives it.
            await queue.TrySendAsync(QueueNames.PaymentsDispatch, message, CancellationToken.None);
        }
    }
}
