namespace BankFunctions.Storage;

/// <summary>
/// Every PartitionKey/RowKey in one place. Row keys start with a kind prefix so one tenant partition can hold
/// several kinds and a range query over a prefix lists one kind. Ids are time-ordered, so rows sort by creation.
/// </summary>
public static class TableKeys
{
    public const string TenantProfileRow = "tenant";

    public static string TenantPartition(string tenantId) => tenantId;

    public static string ApiKeyRow(string keyId) => "key|" + keyId;
    public static string UserRow(string userId) => UserPrefix + userId;
    public const string UserPrefix = "user|";
    public static string AccountRow(string accountId) => "acct|" + accountId;
    public static string BankConnectionRow(string connectionId) => "conn|" + connectionId;
    /// <summary>A connection's availability as the stages last saw it ("connh" sorts before "conn|", 'h' &lt; '|', so listing the connections never meets one).</summary>
    public static string BankConnectionHealthRow(string connectionId) => "connhealth|" + connectionId;
    public static string AuditRow(string auditId) => "audit|" + auditId;

    /// <summary>
    /// Audit checkpoint n of a tenant (the index of the signed blob audit-checkpoints/&lt;tenant&gt;/&lt;n&gt;.json). "auditcp|"
    /// sorts before "audit|" ('c' &lt; '|'), so listing the audit rows never meets one.
    /// </summary>
    public static string AuditCheckpointRow(long sequence) => AuditCheckpointPrefix + sequence.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The newest checkpoint of a tenant's audit chain, where the chainer carries on.</summary>
    public const string AuditChainHeadRow = "auditchain";
    public const string AuditCheckpointPrefix = "auditcp|";
    public static string ApprovalRulesRow => "rules";

    /// <summary>A tenant's data key version, in <see cref="TableNames.TenantKeys"/>.</summary>
    public static string TenantKeyRow(int version) => "dek|" + version.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    /// <summary>
    /// Uniqueness guard: one account per (bank, account number or IBAN) in a tenant. <paramref name="accountNumber"/> is
    /// the lookup value (<see cref="StorageClients.LookupValueAsync"/>): a keyed hash when encryption at rest is on.
    /// </summary>
    public static string AccountNumberGuardRow(string bank, string accountNumber) => $"acctnum|{bank}|{accountNumber}";

    public static string PaymentRow(string paymentId) => "pay|" + paymentId;
    public static string BatchRow(string batchId) => "bat|" + batchId;
    public static string IdempotencyRow(string keyHash) => "idem|" + keyHash;
    public static string OutboxRow(string subjectId) => "outbox|" + subjectId;

    /// <summary>The tenant's newest re-seal under its newest data key (DataKeyResealRow).</summary>
    public const string DataKeyResealRow = "datakey-reseal";

    /// <summary>The outbox subject of one entry's receipt work: account and the bank's reference (key-safe), the same whichever trigger wrote it.</summary>
    public static string ReceiptSubject(string accountId, string safeReference) => "rcpt|" + accountId + "|" + safeReference;

    public static string BankFileRow(string fileId) => "file|" + fileId;

    public static string ExpectedPaymentRow(string expectedPaymentId) => ExpectedPaymentPrefix + expectedPaymentId;

    public static string CounterpartyRow(string counterpartyId) => CounterpartyPrefix + counterpartyId;

    /// <summary>An entry's settlement guard: one per (account, stored entry row), beside the expected payments it settled.</summary>
    public static string EntrySettlementRow(string accountId, string entryRowKey) => "xpe|" + accountId + "|" + entryRowKey;

    /// <summary>
    /// Newest-first listing of payments (and batches, whose items list at the batch's place): Table Storage returns rows
    /// in RowKey order, so these index rows carry the creation time inverted (<see cref="NewestFirst"/>). Written in the
    /// same transaction as the payment or batch header they point at.
    /// </summary>
    public static string PaymentListRow(DateTimeOffset createdAt, string subjectId) => PaymentListPrefix + NewestFirst(createdAt) + "|" + subjectId;

    /// <summary>Newest-first listing of batches (see <see cref="PaymentListRow"/>).</summary>
    public static string BatchListRow(DateTimeOffset createdAt, string batchId) => BatchListPrefix + NewestFirst(createdAt) + "|" + batchId;

    /// <summary>19 digits that sort a later time first: the ticks left until DateTimeOffset.MaxValue.</summary>
    public static string NewestFirst(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Statement data of one account: PK of the Statements table (tenant first, so no query crosses tenants).</summary>
    public static string StatementPartition(string tenantId, string accountId) => tenantId + "|" + accountId;

    /// <summary>
    /// Entries sort newest day first: 99999999 − yyyyMMdd makes a later day a smaller key. Within a day, by entry key.
    /// </summary>
    public static string StatementEntryRow(DateOnly day, string entryKey) =>
        EntryPrefix + (99_999_999 - ((day.Year * 10_000) + (day.Month * 100) + day.Day)).ToString("D8", System.Globalization.CultureInfo.InvariantCulture) + "|" + entryKey;

    /// <summary>The first RowKey of entries on <paramref name="day"/> (a range bound for from/to queries).</summary>
    public static string StatementDayStart(DateOnly day) => StatementEntryRow(day, "");

    public static string EntryGuardRow(string entryKey) => "ekey|" + entryKey;
    public const string AccountBalanceRow = "balance";

    /// <summary>The booked opening and closing balance of one day as its statements gave them; yyyy-MM-dd sorts oldest first.</summary>
    public static string DayBalanceRow(DateOnly day) => DayBalancePrefix + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    public static string PullStateRow(string feed) => "pull|" + feed;
    public static string StatementSequenceRow(string kind) => "seq|" + kind;
    public static string StatementWarningRow(string key) => WarningPrefix + key;
    public static string PaymentReferenceRow(string referenceKey) => "pref|" + referenceKey;

    /// <summary>Approved single payments of one (debtor account, execution date, kind) waiting for a bank file.</summary>
    public static string ReadyPrefix(string accountId, string executionDate, string kind) => $"ready|{accountId}|{executionDate}|{kind}|";
    public static string ReadyRow(string accountId, string executionDate, string kind, string paymentId) => ReadyPrefix(accountId, executionDate, kind) + paymentId;

    public const string EntryPrefix = "txn|";
    public const string WarningPrefix = "warn|";
    public const string DayBalancePrefix = "dbal|";
    public const string PaymentPrefix = "pay|";
    public const string ExpectedPaymentPrefix = "xp|";
    public const string CounterpartyPrefix = "cpty|";
    public const string BatchPrefix = "bat|";
    public const string PaymentListPrefix = "plist|";
    public const string BatchListPrefix = "blist|";
    public const string OutboxPrefix = "outbox|";
    public const string ApiKeyPrefix = "key|";
    public const string AccountPrefix = "acct|";
    public const string BankConnectionPrefix = "conn|";
    public const string AuditPrefix = "audit|";

    /// <summary>
    /// Tenant events (issue #14): committed unsequenced beside the change (<see cref="EventPendingRow"/>, keyed by the audit id
    /// of that change), then numbered by the sequencer into the feed (<see cref="EventFeedRow"/>, the sequence in 19 digits so
    /// RowKey order is feed order) under one counter row (<see cref="EventCounterRow"/>).
    /// </summary>
    public static string EventPendingRow(string auditId) => EventPendingPrefix + auditId;
    public static string EventFeedRow(long sequence) => EventFeedPrefix + sequence.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
    public const string EventCounterRow = "evctr";

    /// <summary>Events of an account's statement data wait in its statement partition (same "evp|" prefix) until relayed; this marks one relayed.</summary>
    public static string EventRelayedRow(string accountId, string pendingRowKey) => EventRelayedPrefix + accountId + "|" + pendingRowKey;
    public const string EventRelayedPrefix = "evr|";
    public const string EventPendingPrefix = "evp|";
    /// <summary>
    /// Webhooks (issue #14): an endpoint's settings ("whe|"), its delivery state ("whs|": the feed cursor it has reached,
    /// the lease of the one pump delivering to it, the failing streak) and one row per (endpoint, event) delivered or
    /// tried ("whd|", newest event first).
    /// </summary>
    public static string WebhookEndpointRow(string endpointId) => WebhookEndpointPrefix + endpointId;
    public static string WebhookStateRow(string endpointId) => "whs|" + endpointId;
    public static string WebhookDeliveryPrefix(string endpointId) => WebhookDeliveryAllPrefix + endpointId + "|";
    public const string WebhookDeliveryAllPrefix = "whd|";
    public static string WebhookDeliveryRow(string endpointId, long sequence) =>
        WebhookDeliveryPrefix(endpointId) + (long.MaxValue - sequence).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
    public const string WebhookEndpointPrefix = "whe|";

    public const string EventFeedPrefix = "evt|";

    /// <summary>Table Tenants: one row per bank (RK = bank name) saying whether files are waiting it out (see BankWaitRow).</summary>
    public const string BankWaitPartition = "bank-waits";

    /// <summary>Global lookup table row for authentication: PK = key id, RK = fixed.</summary>
    public static string ApiKeyLookupPartition(string keyId) => keyId;
    public const string ApiKeyLookupRow = "key";

    /// <summary>OData filter for all rows in a partition whose RowKey starts with <paramref name="prefix"/>.</summary>
    public static string PrefixFilter(string partitionKey, string prefix)
    {
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        return $"PartitionKey eq '{Escape(partitionKey)}' and RowKey ge '{Escape(prefix)}' and RowKey lt '{Escape(upper)}'";
    }

    public static string Escape(string value) => value.Replace("'", "''", StringComparison.Ordinal);
}
