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
    public static string AccountRow(string accountId) => "acct|" + accountId;
    public static string BankConnectionRow(string connectionId) => "conn|" + connectionId;
    public static string AuditRow(string auditId) => "audit|" + auditId;
    public static string ApprovalRulesRow => "rules";

    /// <summary>Uniqueness guard: one account per (bank, account number or IBAN) in a tenant.</summary>
    public static string AccountNumberGuardRow(string bank, string accountNumber) => $"acctnum|{bank}|{accountNumber}";

    public static string PaymentRow(string paymentId) => "pay|" + paymentId;
    public static string BatchRow(string batchId) => "bat|" + batchId;
    public static string IdempotencyRow(string keyHash) => "idem|" + keyHash;
    public static string OutboxRow(string subjectId) => "outbox|" + subjectId;

    public static string BankFileRow(string fileId) => "file|" + fileId;

    public const string PaymentPrefix = "pay|";
    public const string BatchPrefix = "bat|";
    public const string OutboxPrefix = "outbox|";
    public const string ApiKeyPrefix = "key|";
    public const string AccountPrefix = "acct|";
    public const string BankConnectionPrefix = "conn|";
    public const string AuditPrefix = "audit|";

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
