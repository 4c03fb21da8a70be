namespace BankFunctions.Features.Telemetry;

/// <summary>
/// The platform's figures at one moment (GET /v1/admin/overview and the observable gauges, issue #16): every queue,
/// every bank, every tenant. Durations in whole seconds; counts of rows as stored.
/// </summary>
/// <param name="GeneratedAt">When the figures were read (they are cached, see <see cref="PlatformOverviewService"/>).</param>
public sealed record PlatformOverview(
    DateTimeOffset GeneratedAt,
    OverviewTotals Totals,
    IReadOnlyList<QueueFigures> Queues,
    IReadOnlyList<BankFigures> Banks,
    IReadOnlyList<TenantFigures> Tenants);

/// <param name="Payments">Payments by status (wire names), every tenant.</param>
/// <param name="StaleStatements">Accounts whose last successful pull is older than twice their pull schedule.</param>
/// <param name="WebhookBacklog">Events numbered but not yet passed by an enabled endpoint's pump, summed over endpoints.</param>
public sealed record OverviewTotals(
    IReadOnlyDictionary<string, long> Payments, long NeedsAttention, long UnmatchedEntries, long StaleStatements, long PoisonMessages, long WebhookBacklog);

/// <param name="Length">Approximate message count (Storage Queues' own figure; includes invisible messages).</param>
/// <param name="OldestMessageAgeSeconds">Age of the first visible message; null when none is visible.</param>
public sealed record QueueFigures(string Name, long Length, long? OldestMessageAgeSeconds, long PoisonLength, long? OldestPoisonAgeSeconds);

/// <param name="Circuit">closed, open, half_open, isolated — this instance's view; "unknown" when it has not called the bank yet.</param>
/// <param name="WaitingSince">Since when payment files are waiting for the bank (BankWaitBoard), null when none are.</param>
/// <param name="Calls">This instance's calls to the bank in the last 10 minutes, per operation (<see cref="BankCallWindow"/>).</param>
public sealed record BankFigures(string Bank, string Circuit, DateTimeOffset? WaitingSince, IReadOnlyDictionary<string, long> Payments, long NeedsAttention,
    long UnmatchedEntries, IReadOnlyList<BankCallFigures> Calls);

/// <param name="SuccessRate">Successes / calls as a decimal string (0–1, four places, like every fraction of the API); "1.0000" without calls. Success: Success or Duplicate; NotSupported is not counted.</param>
/// <param name="MeanMilliseconds">Mean duration of a call, retries and breaker included.</param>
public sealed record BankCallFigures(string Operation, long Calls, long Successes, string SuccessRate, long MeanMilliseconds);

public sealed record TenantFigures(
    string TenantId, IReadOnlyDictionary<string, long> Payments, long NeedsAttention, long UnmatchedEntries, IReadOnlyList<AccountFreshness> Accounts,
    IReadOnlyList<WebhookBacklogFigures> Webhooks);

/// <param name="Backlog">The tenant's newest event sequence minus the one the endpoint's pump has passed (events it still has to
/// look at, of any type); 0 for a disabled endpoint, which is not being delivered to.</param>
/// <param name="FailingSince">Since when its head event has been failing (back-off), null when healthy.</param>
public sealed record WebhookBacklogFigures(string EndpointId, bool Enabled, long Backlog, DateTimeOffset? FailingSince, DateTimeOffset? NextAttemptAt);

/// <param name="LastSuccessfulPullAt">The oldest of its feeds' last successful pulls (every feed must be fresh); null: never pulled.</param>
/// <param name="AgeSeconds">Since that pull, or since the account was registered when it was never pulled.</param>
/// <param name="ScheduleSeconds">The interval of its pull schedule (its own or the default).</param>
/// <param name="Stale">Age above twice the schedule (the alert "statement older than 2× its schedule").</param>
public sealed record AccountFreshness(
    string AccountId, string Bank, DateTimeOffset? LastSuccessfulPullAt, long AgeSeconds, long ScheduleSeconds, bool Stale, long UnmatchedEntries);
