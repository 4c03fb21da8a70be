using Azure;
using Azure.Data.Tables;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Webhooks;

/// <summary>
/// Queue webhooks-deliver: the pump of one endpoint (issue #14 "Webhooks"). It delivers the tenant's feed in sequence
/// order from the endpoint's cursor, one event at a time, so a healthy endpoint gets each resource's events in order.
/// <list type="bullet">
/// <item>One pump per endpoint: a lease on the state row (ETag-guarded). A wake-up that finds it held comes back in 2 s.</item>
/// <item>Delivered events move the cursor and are recorded, in one transaction per page with the state row; a crash
/// before that commit sends them again with the same webhook-id (at least once).</item>
/// <item>A failed head event holds the endpoint back (later events wait behind it, so order holds) and is retried on
/// the schedule of <see cref="WebhookBackoff"/> by a delayed message; when its retries are spent it is recorded failed
/// (redeliverable) and the pump goes on. 410, or 3 days without a success, disables the endpoint with an audit row and
/// a webhook_endpoint.disabled event in the same transaction.</item>
/// </list>
/// A message with a sequence is a redelivery of that one event (<see cref="RedeliverAsync"/>), outside the cursor.
/// </summary>
public sealed class DeliverWebhooks(StorageClients storage, WebhookEndpointStore store, WebhookSender sender, IQueueSender queue, TimeProvider clock,
    AuditRows audit) : IQueueHandler
{
    public const string FunctionName = "DeliverWebhooks";
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan BusyRetry = TimeSpan.FromSeconds(2);

    /// <summary>Events read (and at most recorded) per transaction: with the state, endpoint and audit rows well under 100.</summary>
    public const int PageSize = 50;

    private TableClient Table => storage.Table(TableNames.TenantData);

    public Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken)
    {
        var m = WebhookMessage.Parse(message.Body);
        return m.Sequence is long sequence
            ? RedeliverAsync(m.TenantId, m.EndpointId, sequence, m.Attempt, cancellationToken)
            : PumpAsync(m.TenantId, m.EndpointId, cancellationToken);
    }

    /// <summary>Delivers what the endpoint has not had yet; returns how many events it delivered.</summary>
    public async Task<int> PumpAsync(string tenantId, string endpointId, CancellationToken cancellationToken)
    {
        var delivered = 0;
        // After releasing the lease the pump looks once more, so an event numbered while it finished is not left to the sweep.
        for (var round = 0; round < 5; round++)
        {
            var endpoint = await store.FindAsync(tenantId, endpointId, cancellationToken);
            var state = await store.StateAsync(tenantId, endpointId, cancellationToken);
            if (endpoint is null || state is null || !endpoint.Enabled)
            {
                return delivered;
            }
            var now = clock.GetUtcNow();
            if (state.NextAttemptAt > now)
            {
                return delivered; // Backing off: the delayed message (or the sweep) wakes it then.
            }
            if (state.LeaseUntil > now)
            {
                await WebhookMessage.SendPumpAsync(queue, tenantId, endpointId, cancellationToken, BusyRetry);
                return delivered;
            }
            state.LeaseUntil = now + Lease;
            try
            {
                state.ETag = (await Table.UpdateCheckedAsync(state, state.ETag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag ?? default;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                await WebhookMessage.SendPumpAsync(queue, tenantId, endpointId, cancellationToken, BusyRetry);
                return delivered;
            }
            var (count, more) = await DeliverAsync(tenantId, endpoint, state, cancellationToken);
            delivered += count;
            if (!more)
            {
                return delivered;
            }
        }
        await WebhookMessage.SendPumpAsync(queue, tenantId, endpointId, cancellationToken);
        return delivered;
    }

    /// <summary>Under the lease: pages of the feed after the cursor. Returns the count and whether to look again.</summary>
    private async Task<(int Delivered, bool More)> DeliverAsync(string tenantId, WebhookEndpointRow endpoint, WebhookStateRow state, CancellationToken cancellationToken)
    {
        var delivered = 0;
        while (true)
        {
            var page = await FeedAfterAsync(tenantId, state.Cursor, cancellationToken);
            var records = new List<TableTransactionAction>();
            foreach (var e in page)
            {
                if (!WebhookEndpointRules.Wants(endpoint.EventTypes, e.Type))
                {
                    state.Cursor = e.Sequence;
                    continue;
                }
                var earlier = state.HeadAttempts > 0 ? await EarlierAsync(tenantId, endpoint.EndpointId, e.Sequence, cancellationToken) : null;
                var attempt = await sender.SendAsync(endpoint, e, cancellationToken);
                var now = clock.GetUtcNow();
                if (attempt.Succeeded)
                {
                    records.Add(Upsert(WebhookDeliveries.Record(tenantId, endpoint.EndpointId, e, earlier, attempt, DeliveryOutcome.Delivered, now, null)));
                    state.Cursor = e.Sequence;
                    state.HeadAttempts = 0;
                    state.FailingSince = null;
                    state.LastSuccessAt = now;
                    delivered++;
                    continue;
                }
                state.FailingSince ??= now;
                state.HeadAttempts++;
                switch (WebhookBackoff.Decide(attempt, state.HeadAttempts, state.FailingSince.Value, now))
                {
                    case AfterFailure.RetryAt retry:
                        records.Add(Upsert(WebhookDeliveries.Record(tenantId, endpoint.EndpointId, e, earlier, attempt, DeliveryOutcome.Retrying, now, retry.At)));
                        state.NextAttemptAt = retry.At;
                        await CommitAsync(records, state, release: true, cancellationToken);
                        await WebhookMessage.SendPumpAsync(queue, tenantId, endpoint.EndpointId, cancellationToken, retry.At - now);
                        return (delivered, false);
                    case AfterFailure.GiveUpHead:
                        records.Add(Upsert(WebhookDeliveries.Record(tenantId, endpoint.EndpointId, e, earlier, attempt, DeliveryOutcome.Failed, now, null)));
                        state.Cursor = e.Sequence;
                        state.HeadAttempts = 0;
                        continue;
                    case AfterFailure.Disable disable:
                        records.Add(Upsert(WebhookDeliveries.Record(tenantId, endpoint.EndpointId, e, earlier, attempt, DeliveryOutcome.Failed, now, null)));
                        state.HeadAttempts = 0;
                        await DisableAsync(tenantId, endpoint, state, records, disable.Reason, now, cancellationToken);
                        return (delivered, false);
                }
            }
            if (page.Count < PageSize)
            {
                state.NextAttemptAt = null;
                if (!await CommitAsync(records, state, release: true, cancellationToken))
                {
                    return (delivered, false);
                }
                // Numbered while this page went out? Then take the lease again for them.
                return (delivered, (await FeedAfterAsync(tenantId, state.Cursor, cancellationToken, 1)).Count > 0);
            }
            if (!await CommitAsync(records, state, release: false, cancellationToken))
            {
                return (delivered, false);
            }
        }
    }

    /// <summary>
    /// One event, again, to one endpoint (POST /v1/events/{id}/redeliver): recorded on its delivery row, retried on the
    /// same schedule by delayed messages; the cursor and the failing streak are the pump's and stay as they are.
    /// </summary>
    public async Task RedeliverAsync(string tenantId, string endpointId, long sequence, int attemptsBefore, CancellationToken cancellationToken)
    {
        var endpoint = await store.FindAsync(tenantId, endpointId, cancellationToken);
        var read = await Table.GetEntityIfExistsAsync<EventFeedRow>(TableKeys.TenantPartition(tenantId), TableKeys.EventFeedRow(sequence), cancellationToken: cancellationToken);
        if (endpoint is null || !endpoint.Enabled || !read.HasValue)
        {
            return; // Deleted, disabled or past retention since it was asked for.
        }
        var e = read.Value!;
        var earlier = await EarlierAsync(tenantId, endpointId, sequence, cancellationToken);
        var attempt = await sender.SendAsync(endpoint, e, cancellationToken);
        var now = clock.GetUtcNow();
        var attempts = attemptsBefore + 1;
        var retry = !attempt.Succeeded && !attempt.Gone && attempts < WebhookBackoff.MaxAttempts ? now + WebhookBackoff.Retries[attempts - 1] : (DateTimeOffset?)null;
        var outcome = attempt.Succeeded ? DeliveryOutcome.Delivered : retry is null ? DeliveryOutcome.Failed : DeliveryOutcome.Retrying;
        await Table.UpsertCheckedAsync(WebhookDeliveries.Record(tenantId, endpointId, e, earlier, attempt, outcome, now, retry, redelivery: true),
            TableUpdateMode.Replace, cancellationToken);
        if (retry is { } at)
        {
            await queue.SendAsync(QueueNames.WebhooksDeliver, new WebhookMessage(tenantId, endpointId, sequence, attempts).ToBody(), at - now, cancellationToken);
        }
    }

    private async Task<List<EventFeedRow>> FeedAfterAsync(string tenantId, long cursor, CancellationToken cancellationToken, int take = PageSize)
    {
        var filter = $"PartitionKey eq '{TableKeys.Escape(TableKeys.TenantPartition(tenantId))}' and RowKey gt '{TableKeys.EventFeedRow(cursor)}'"
            + $" and RowKey lt '{TableKeys.EventFeedPrefix[..^1]}}}'";
        var rows = new List<EventFeedRow>(take);
        await foreach (var row in Table.QueryAsync<EventFeedRow>(filter, maxPerPage: take, cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count == take)
            {
                break;
            }
        }
        return rows;
    }

    private async Task<WebhookDeliveryRow?> EarlierAsync(string tenantId, string endpointId, long sequence, CancellationToken cancellationToken)
    {
        var read = await Table.GetEntityIfExistsAsync<WebhookDeliveryRow>(TableKeys.TenantPartition(tenantId), TableKeys.WebhookDeliveryRow(endpointId, sequence),
            cancellationToken: cancellationToken);
        return read.HasValue ? read.Value : null;
    }

    /// <summary>The page's records and the moved state in one transaction; false when the lease was lost (412: stop, nothing recorded).</summary>
    private async Task<bool> CommitAsync(List<TableTransactionAction> records, WebhookStateRow state, bool release, CancellationToken cancellationToken)
    {
        state.LeaseUntil = release ? null : clock.GetUtcNow() + Lease;
        var actions = new List<TableTransactionAction>(records) { new(TableTransactionActionType.UpdateReplace, state, state.ETag) };
        try
        {
            var result = await Table.SubmitCheckedAsync(actions, cancellationToken);
            state.ETag = result.Value[records.Count].Headers.ETag ?? default;
            records.Clear();
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
        {
            return false; // Edited or deleted meanwhile: what went out is sent again by the next pump (same webhook-id).
        }
    }

    private async Task DisableAsync(string tenantId, WebhookEndpointRow endpoint, WebhookStateRow state, List<TableTransactionAction> records, string reason,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = WebhookEndpointView.From(endpoint, now);
        endpoint.Enabled = false;
        endpoint.DisabledReason = reason;
        endpoint.DisabledAt = now;
        endpoint.UpdatedAt = now;
        state.LeaseUntil = null;
        state.NextAttemptAt = null;
        var actions = new List<TableTransactionAction>(records)
        {
            new(TableTransactionActionType.UpdateReplace, state, state.ETag),
            new(TableTransactionActionType.UpdateReplace, endpoint, endpoint.ETag),
            new(TableTransactionActionType.Add, audit.SystemRow(tenantId, FunctionName, Events.EventTypes.WebhookEndpointDisabled, endpoint.EndpointId, before,
                WebhookEndpointView.From(endpoint, now), now)),
        };
        try
        {
            await Table.SubmitCheckedAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
        {
            // The tenant changed or deleted it meanwhile: their word stands; the next pump decides again.
        }
    }

    private static TableTransactionAction Upsert(WebhookDeliveryRow row) => new(TableTransactionActionType.UpsertReplace, row);
}
