using BankFunctions.Storage.Guard;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using BankFunctions.Domain.Payments;
using BankFunctions.Features.Accounts;
using BankFunctions.Features.Approvals;
using BankFunctions.Features.Auth;
using BankFunctions.Features.BankConnections;
using BankFunctions.Features.Http;
using BankFunctions.Features.Outbox;
using BankFunctions.Features.Idempotency;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;
using BankFunctions.Domain.Ids;

namespace BankFunctions.Features.Payments;

/// <summary>
/// POST /v1/payment-batches (submitter): up to 10,000 payments or payroll lines from one debtor account.
/// Written as: header + idempotency (in flight) + audit; items in ≤ 100-entity transactions with ids derived from
/// the batch id; then header complete + idempotency completed (+ outbox) in one last transaction. A retry with the
/// same key after a crash resumes the same batch (same item ids), so nothing doubles.
/// </summary>
public sealed class SubmitBatch(
    StorageClients storage, AccountCache accounts, ApprovalRulesStore rules, IdempotencyStore idempotency, IQueueSender queue, Profiles.BankProfiles profiles, TimeProvider clock, AuditRows audit) : IHttpHandler
{
    public const int MaxItems = 10_000;
    /// <summary>10,000 items do not fit the general 1 MiB limit; batches may be up to 16 MiB.</summary>
    public const long MaxBodyBytes = 16L * 1024 * 1024;
    /// <summary>An in-flight write not touched for this long is taken to be dead and may be resumed.</summary>
    public static readonly TimeSpan InFlightLease = TimeSpan.FromSeconds(60);
    private const string Route = "POST v1/payment-batches";
    private const string LocationPrefix = "/v1/payment-batches/";
    private const int ItemWriteConcurrency = 8;

    public sealed record Request(string? DebtorAccountId, string? Kind, string? RequestedExecutionDate, IReadOnlyList<ItemInput?>? Items);

    public sealed record ItemInput(AmountInput? Amount, CreditorInput? Creditor, string? RemittanceInformation, string? EndToEndId);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var key = IdempotencyKeys.Require(context);
        if (!JsonBody.IsJson(context.Request.ContentType))
        {
            return Problem.UnsupportedMediaType("application/json");
        }
        var body = await BodyReader.ReadAsync(context.Request, MaxBodyBytes, cancellationToken);
        var request = JsonBody.Parse<Request>(body);
        var keyHash = IdempotencyKeys.Hash(key);
        var requestHash = IdempotencyKeys.RequestHash(Route, body);

        // An account outside a person's scope is answered as one that does not exist.
        var debtor = request.DebtorAccountId is null || !context.Caller().MaySee(request.DebtorAccountId) ? null
            : await accounts.FindAsync(tenantId, request.DebtorAccountId, cancellationToken);
        var workflow = await rules.GetWorkflowAsync(tenantId, cancellationToken);
        var now = clock.GetUtcNow();
        var decision = SubmitBatchDecision.Decide(request, debtor, profiles.Find(debtor?.Bank), workflow, caller, BatchId.New(now).Value, now);
        if (decision is SubmitBatchDecision.Invalid invalid)
        {
            // A replay of an accepted request must still replay, even if (say) its execution date is now in the past.
            var earlier = await idempotency.ExamineAsync(tenantId, keyHash, requestHash, cancellationToken);
            return earlier is IdempotencyOutcome.Expired ? Problem.Validation(invalid.Errors) : IdempotencyStore.ToResult(earlier, LocationPrefix);
        }
        var (header, _, items, warnings) = (SubmitBatchDecision.Accepted)decision;
        var batchId = header.BatchId;
        var table = storage.Table(TableNames.TenantData);
        var idem = idempotency.NewRow(tenantId, keyHash, requestHash, "in_flight", batchId);
        var resuming = false;
        try
        {
            var written = await table.SubmitCheckedAsync(
                [
                    new(TableTransactionActionType.Add, header),
                    new(TableTransactionActionType.Add, idem),
                    new(TableTransactionActionType.Add, audit.Row(tenantId, caller, "batch.created", batchId, null, BatchView.From(header), now)),
                    .. ListEntries.For(header).Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)),
                ],
                cancellationToken);
            // The final transaction is guarded by the ETags this one produced.
            header.ETag = written.Value[0].Headers.ETag ?? throw new InvalidOperationException("no ETag for the batch header");
            idem.ETag = written.Value[1].Headers.ETag ?? throw new InvalidOperationException("no ETag for the idempotency row");
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            var outcome = await idempotency.ExamineAsync(tenantId, keyHash, requestHash, cancellationToken);
            if (outcome is IdempotencyOutcome.InFlight inFlight && now - (inFlight.Row.Timestamp ?? inFlight.Row.CreatedAt) > InFlightLease)
            {
                (header, idem) = await ClaimAsync(tenantId, inFlight.Row, cancellationToken) ?? throw new ProblemException(IdempotencyStore.ToResult(outcome, LocationPrefix));
                batchId = header.BatchId;
                resuming = true;
            }
            else if (outcome is IdempotencyOutcome.Expired)
            {
                return Problem.Conflict("An expired request with this Idempotency-Key is being cleaned up; retry.");
            }
            else
            {
                return IdempotencyStore.ToResult(outcome, LocationPrefix);
            }
        }

        await WriteItemsAsync(header, items, caller, resuming, cancellationToken);

        var completedAt = clock.GetUtcNow();
        header.Complete = true;
        header.ItemsWritten = items.Count;
        header.UpdatedAt = completedAt;
        var completion = SubmitBatchDecision.Complete(tenantId, header, warnings, completedAt);
        idem.State = "completed";
        idem.ResponseStatus = 201;
        idem.ResponseBody = completion.ResponseBody;
        var final = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, header, header.ETag),
            new(TableTransactionActionType.UpdateReplace, idem, idem.ETag),
        };
        if (completion.Outbox is { } outbox)
        {
            final.Add(new(TableTransactionActionType.UpsertReplace, outbox));
        }
        await table.SubmitCheckedAsync(final, cancellationToken);
        if (completion.SignMessage is { } message)
        {
            await queue.TrySendAsync(QueueNames.PaymentsSign, message, CancellationToken.None);
        }
        context.Response.Headers.Location = LocationPrefix + batchId;
        return new StoredJsonResult(201, completion.ResponseBody);
    }

    /// <summary>The batch's kind and items, each item checked by <see cref="PaymentRules"/> under <c>items[i].</c>. Pure.</summary>
    public static (string Kind, List<ValidPayment> Items) Validate(Request request, AccountRow? debtor, Profiles.BankProfile? bank, DateTimeOffset now, out Validation v)
    {
        v = new Validation();
        var kind = request.Kind switch
        {
            "payments" => "payments",
            "payroll" => "payroll",
            _ => null,
        };
        if (kind is null)
        {
            v.Add("kind", "must be \"payments\" or \"payroll\".");
        }
        var valid = new List<ValidPayment>();
        if (request.Items is null || request.Items.Count == 0)
        {
            v.Add("items", "at least one item is required.");
            return (kind ?? "", valid);
        }
        if (request.Items.Count > MaxItems)
        {
            v.Add("items", $"at most {MaxItems} items per batch.");
            return (kind ?? "", valid);
        }
        for (var i = 0; i < request.Items.Count; i++)
        {
            var item = request.Items[i];
            if (item is null)
            {
                v.Add($"items[{i}]", "must be an object.");
                continue;
            }
            var input = new PaymentInput(request.DebtorAccountId, item.Amount, item.Creditor, item.RemittanceInformation, request.RequestedExecutionDate, item.EndToEndId);
            valid.Add(PaymentRules.Validate(input, debtor, bank, now, v, $"items[{i}]."));
        }
        return (kind ?? "", valid);
    }

    private async Task WriteItemsAsync(BatchRow header, IReadOnlyList<ValidPayment> items, Caller caller, bool resuming, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.TenantData);
        var chunks = Enumerable.Range(0, SubmitBatchDecision.Chunks(items.Count));
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = ItemWriteConcurrency, CancellationToken = cancellationToken }, async (chunk, ct) =>
        {
            // Resuming rewrites what a crashed attempt may have written: same ids, same content.
            var type = resuming ? TableTransactionActionType.UpsertReplace : TableTransactionActionType.Add;
            var actions = SubmitBatchDecision.ItemRows(header, items, caller, chunk).Select(row => new TableTransactionAction(type, row)).ToList();
            await table.SubmitCheckedAsync(actions, ct);
        });
    }

    /// <summary>Takes over a dead in-flight write (ETag-guarded, so only one retry resumes it).</summary>
    private async Task<(BatchRow, IdempotencyRow)?> ClaimAsync(string tenantId, IdempotencyRow idem, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.TenantData);
        var header = await table.GetEntityIfExistsAsync<BatchRow>(TableKeys.TenantPartition(tenantId), TableKeys.BatchRow(idem.ResourceId!), cancellationToken: cancellationToken);
        if (!header.HasValue || header.Value is null)
        {
            return null;
        }
        try
        {
            var claimed = await table.UpdateCheckedAsync(idem, idem.ETag, TableUpdateMode.Replace, cancellationToken);
            idem.ETag = claimed.Headers.ETag ?? idem.ETag;
            return (header.Value, idem);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return null;
        }
    }
}
