using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using NCrontab;

namespace BankFunctions.Host.Runtime;

/// <summary>
/// Runs one timer function on its six-field NCRONTAB schedule (UTC), like the Functions timer trigger: exactly one
/// instance runs each occurrence — the one that takes the blob lease on locks/&lt;function&gt; and finds the occurrence
/// not yet recorded in the blob's metadata — and missed occurrences are not caught up.
/// </summary>
public sealed partial class TimerRunner(FunctionDefinition function, StorageClients storage, IServiceScopeFactory scopes, TimeProvider clock,
    ILogger<TimerRunner> logger) : BackgroundService
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);
    private const string LastRunKey = "lastoccurrence";

    private readonly CrontabSchedule _schedule = Parse(((TimerTrigger)function.Trigger).Schedule);

    public static CrontabSchedule Parse(string expression) =>
        CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
            ?? throw new InvalidOperationException($"'{expression}' is not a six-field NCRONTAB expression.");

    /// <summary>
    /// The occurrence a scheduled Container Apps job execution (<c>--run-timer</c>) was started for: the latest one at or
    /// before <paramref name="now"/> (the job starts a few seconds after its cron fired). Searches back in growing
    /// windows so a per-second schedule stays cheap and a monthly one is still found.
    /// </summary>
    public DateTimeOffset LatestOccurrence(DateTimeOffset now)
    {
        var end = now.UtcDateTime.AddTicks(1); // GetNextOccurrences excludes its end; "at or before now" includes now.
        foreach (var lookBack in new[] { TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(32), TimeSpan.FromDays(366 * 5) })
        {
            var occurrences = _schedule.GetNextOccurrences(end - lookBack, end).ToList();
            if (occurrences.Count > 0)
            {
                return new DateTimeOffset(occurrences[^1], TimeSpan.Zero);
            }
        }
        throw new InvalidOperationException($"Timer {function.Name} has no occurrence in the last five years.");
    }

    /// <summary>
    /// Runs one occurrence under the same blob-lease guard as the scheduled loop. False when another instance holds the
    /// lease or has already run this occurrence; a handler failure is thrown (the occurrence stays recorded as run).
    /// </summary>
    public async Task<bool> RunOccurrenceAsync(DateTimeOffset occurrence, CancellationToken cancellationToken) =>
        await TryRunAsync(await EnsureLockBlobAsync(cancellationToken), occurrence, previous: null, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var blob = await EnsureLockBlobAsync(stoppingToken);
        DateTimeOffset? previous = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = new DateTimeOffset(_schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            var wait = next - now;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            try
            {
                if (await TryRunAsync(blob, next, previous, stoppingToken))
                {
                    previous = next;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e, function.Name, next);
            }
        }
    }

    private async Task<BlobClient> EnsureLockBlobAsync(CancellationToken cancellationToken)
    {
        var locks = storage.Blobs.GetBlobContainerClient(BlobContainers.Locks);
        await locks.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blob = locks.GetBlobClient(function.Name);
        try
        {
            await blob.UploadAsync(BinaryData.FromString(""), overwrite: false, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }
        return blob;
    }

    private async Task<bool> TryRunAsync(BlobClient blob, DateTimeOffset occurrence, DateTimeOffset? previous, CancellationToken stoppingToken)
    {
        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(LeaseDuration, cancellationToken: stoppingToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false; // Another instance holds it: it is running this occurrence.
        }
        try
        {
            var properties = await blob.GetPropertiesAsync(new Azure.Storage.Blobs.Models.BlobRequestConditions { LeaseId = lease.LeaseId }, stoppingToken);
            var stamp = occurrence.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            DateTimeOffset? recorded = properties.Value.Metadata.TryGetValue(LastRunKey, out var last)
                ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(last, CultureInfo.InvariantCulture))
                : null;
            if (recorded >= occurrence)
            {
                return false; // Already run by another instance.
            }
            // A runner that has not run yet (just started, or a one-shot job) reports the last recorded run, as Functions does.
            previous ??= recorded;
            await blob.SetMetadataAsync(new Dictionary<string, string> { [LastRunKey] = stamp },
                new Azure.Storage.Blobs.Models.BlobRequestConditions { LeaseId = lease.LeaseId }, stoppingToken);

            using var renewal = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var renewing = RenewAsync(lease, renewal.Token);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var handler = (ITimerHandler)scope.ServiceProvider.GetRequiredService(function.Handler);
                await handler.InvokeAsync(new TimerTick(function.Name, occurrence, previous), stoppingToken);
            }
            finally
            {
                await renewal.CancelAsync();
                await renewing;
            }
            return true;
        }
        finally
        {
            try
            {
                await lease.ReleaseAsync(cancellationToken: CancellationToken.None);
            }
            catch (RequestFailedException)
            {
                // Expired already; the next occurrence takes a new one.
            }
        }
    }

    /// <summary>Renews the lease at each third of it while the handler runs, timed on the runner's clock like its schedule.</summary>
    private async Task RenewAsync(BlobLeaseClient lease, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(LeaseDuration / 3, clock, cancellationToken);
                await lease.RenewAsync(cancellationToken: cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (RequestFailedException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Function} failed for occurrence {Occurrence}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, DateTimeOffset occurrence);
}
