using System.Text.Json;
using Azure.Data.Tables;
using BankFunctions.Features.Payments;
using BankFunctions.Storage;
using BankFunctions.Storage.Encryption;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Encryption;

/// <summary>datakey-reseal work: page <see cref="Page"/> of job <see cref="JobId"/>; where that page starts is in the job row.</summary>
public sealed record DataKeyResealMessage(string TenantId, string JobId, int Page)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The message, or null when the body is not one (not JSON, or JSON null).</summary>
    public static DataKeyResealMessage? TryParse(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<DataKeyResealMessage>(body, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The outbox subject: one per tenant, replaced by each page's next message and removed when the job ends.</summary>
    public static string Subject => "datakey-reseal";
}

/// <summary>What one store of a pass counted.</summary>
public sealed record DataKeyResealStoreView(string Name, string Kind, int Scanned, int Rewritten, int SkippedConcurrent);

/// <summary>A tenant's re-seal job as the operator sees it.</summary>
/// <param name="OldestVersionRemaining">Once completed: the oldest data key version the pass left in place (null while running, after a failure, or when it saw no sealed value).</param>
public sealed record DataKeyResealView(string TenantId, string JobId, string State, int TargetVersion, string StartedBy, DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt, int Pages, int Scanned, int Rewritten, int SkippedConcurrent, IReadOnlyList<DataKeyResealStoreView> Stores,
    int? OldestVersionRemaining, string? Failure);

/// <summary>
/// The re-seal job's pure decisions (docs/ENCRYPTION.md "Rotation"): a new job's row, whether a message is the page the
/// job waits for, and how a page's counts move the job on. The row is written under its ETag by the handlers.
/// </summary>
public static class DataKeyResealJob
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public static string Location(string tenantId) => $"/v1/admin/tenants/{tenantId}/data-key/reseal";

    public static DataKeyResealRow New(string tenantId, string jobId, int targetVersion, string startedBy, DateTimeOffset now) => new()
    {
        PartitionKey = TableKeys.TenantPartition(tenantId),
        RowKey = TableKeys.DataKeyResealRow,
        JobId = jobId,
        State = Running,
        TargetVersion = targetVersion,
        StartedBy = startedBy,
        StartedAt = now,
    };

    /// <summary>
    /// Only the page the job waits for is handled: an earlier page delivered again was counted already, a message of an
    /// older job or of a job that ended has nothing to do.
    /// </summary>
    public static bool IsDue(DataKeyResealRow? job, DataKeyResealMessage message) =>
        job is { State: Running } && job.JobId == message.JobId && job.NextPage == message.Page;

    /// <summary>Adds one page's counts to the job and moves it to the next page, the next store, or completed.</summary>
    public static void Advance(DataKeyResealRow job, DataKeyReseal.PageResult page, DateTimeOffset now)
    {
        var store = DataKeyReseal.Stores[job.Stage];
        var progress = Progress(job);
        var counts = progress.GetValueOrDefault(store.Name) ?? new Counts(0, 0, 0);
        progress[store.Name] = new Counts(counts.Scanned + page.Scanned, counts.Rewritten + page.Rewritten, counts.SkippedConcurrent + page.SkippedConcurrent);
        job.Progress = JsonSerializer.Serialize(progress);
        if (page.OldestRemaining is { } oldest)
        {
            job.OldestVersionSeen = job.OldestVersionSeen is { } seen ? Math.Min(seen, oldest) : oldest;
        }
        job.NextPage++;
        if (page.Continuation is not null)
        {
            job.Continuation = page.Continuation;
            return;
        }
        job.Continuation = null;
        job.Stage++;
        if (job.Stage >= DataKeyReseal.Stores.Count)
        {
            job.State = Completed;
            job.CompletedAt = now;
        }
    }

    /// <summary>
    /// The writes that record a page: the job row under the ETag read and, while it runs, the next page's outbox row (so
    /// a crash before the enqueue strands nothing; the outbox sweep sends it). A job that ended has its outbox row
    /// removed after the commit (<see cref="ForgetOutboxAsync"/>).
    /// </summary>
    public static IReadOnlyList<TableTransactionAction> Record(DataKeyResealRow job, DateTimeOffset now) =>
        job.State == Running
            ? [new(TableTransactionActionType.UpdateReplace, job, job.ETag), new(TableTransactionActionType.UpsertReplace, Outbox(job, now))]
            : [new(TableTransactionActionType.UpdateReplace, job, job.ETag)];

    /// <summary>The tenant's re-seal job row (the last job, whatever its state), or null when it never had one.</summary>
    public static async Task<DataKeyResealRow?> FindAsync(TableClient tenantData, string tenantId, CancellationToken cancellationToken)
    {
        var found = await tenantData.GetEntityIfExistsAsync<DataKeyResealRow>(TableKeys.TenantPartition(tenantId), TableKeys.DataKeyResealRow,
            cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Removes the tenant's re-seal outbox row (nothing left to send); already gone is fine.</summary>
    public static async Task ForgetOutboxAsync(TableClient tenantData, string tenantId, CancellationToken cancellationToken)
    {
        try
        {
            await tenantData.DeleteEntityAsync(TableKeys.TenantPartition(tenantId), TableKeys.OutboxRow(DataKeyResealMessage.Subject), Azure.ETag.All, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    public static DataKeyResealMessage NextMessage(DataKeyResealRow job) => new(job.PartitionKey, job.JobId, job.NextPage);

    public static OutboxRow Outbox(DataKeyResealRow job, DateTimeOffset now) =>
        PaymentRows.Outbox(job.PartitionKey, DataKeyResealMessage.Subject, QueueNames.DataKeyReseal, NextMessage(job).ToJson(), now);

    public static DataKeyResealView View(DataKeyResealRow job)
    {
        var progress = Progress(job);
        var stores = DataKeyReseal.Stores.Select(s => progress.GetValueOrDefault(s.Name) is { } c
            ? new DataKeyResealStoreView(s.Name, s.IsContainer ? "container" : "table", c.Scanned, c.Rewritten, c.SkippedConcurrent)
            : new DataKeyResealStoreView(s.Name, s.IsContainer ? "container" : "table", 0, 0, 0)).ToList();
        return new DataKeyResealView(job.PartitionKey, job.JobId, job.State, job.TargetVersion, job.StartedBy, job.StartedAt, job.CompletedAt, job.NextPage,
            stores.Sum(s => s.Scanned), stores.Sum(s => s.Rewritten), stores.Sum(s => s.SkippedConcurrent), stores,
            job.State == Completed ? job.OldestVersionSeen : null, job.Failure);
    }

    private sealed record Counts(int Scanned, int Rewritten, int SkippedConcurrent);

    private static Dictionary<string, Counts> Progress(DataKeyResealRow job) =>
        JsonSerializer.Deserialize<Dictionary<string, Counts>>(job.Progress) ?? [];
}
