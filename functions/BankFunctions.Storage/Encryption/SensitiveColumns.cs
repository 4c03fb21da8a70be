namespace BankFunctions.Storage.Encryption;

/// <summary>
/// Which table columns hold sensitive data (issue #16: account numbers, IBANs, creditor and counterparty names and
/// addresses, remittance information, statement counterparties; webhook signing secrets) and so are stored encrypted. A rule with a row-key
/// prefix applies to those rows only (a counterparty's Name is a payee's name; an account's Name is the tenant's label).
/// Copies of these values elsewhere (audit before/after, event payloads, stored idempotent responses, outbox messages)
/// are encrypted too, or the copy would leak what the column hides. No query filters on any of these columns on the
/// server: lookups by such a value use a keyed hash (<see cref="TenantKeyRing.LookupHashAsync"/>).
/// </summary>
public static class SensitiveColumns
{
    private static readonly Dictionary<string, (string RowKeyPrefix, string Column)[]> Rules = new(StringComparer.Ordinal)
    {
        [TableNames.TenantData] =
        [
            ("acct|", "AccountNumber"), ("acct|", "Iban"),
            ("", "CreditorName"), ("", "CreditorIban"), ("", "CreditorAccountNumber"), ("", "CreditorAccount"),
            ("", "RemittanceInformation"), ("", "CounterpartyName"), ("", "CounterpartyAccount"),
            (TableKeys.CounterpartyPrefix, "Name"), (TableKeys.CounterpartyPrefix, "Email"),
            (TableKeys.CounterpartyPrefix, "Address"), (TableKeys.CounterpartyPrefix, "Accounts"),
            ("audit|", "Before"), ("audit|", "After"), ("", "Data"), ("idem|", "ResponseBody"), ("outbox|", "Message"),
            ("", "PendingResolution"), ("", "AttentionLog"),
            // Webhook signing secrets: whoever reads them can forge deliveries the tenant's receiver trusts.
            (TableKeys.WebhookEndpointPrefix, "Secret"), (TableKeys.WebhookEndpointPrefix, "PreviousSecret"),
        ],
        [TableNames.Statements] =
        [
            ("", "CounterpartyName"), ("", "CounterpartyAccount"), ("", "RemittanceInformation"), ("", "Details"),
            // Banks' statement ids often embed the account number or IBAN (BankSim's camt ids do).
            ("", "OpeningSource"), ("", "ClosingSource"), ("", "BookedSource"), ("", "AvailableSource"),
            ("", "LastStatementId"), ("", "StatementId"), ("", "Message"),
        ],
    };

    /// <summary>Blob containers whose every blob is encrypted: bank files (creditor names, IBANs), raw statements, e-receipts.</summary>
    public static readonly IReadOnlySet<string> Containers = new HashSet<string>(StringComparer.Ordinal)
    {
        BlobContainers.BankFiles, BlobContainers.Statements, BlobContainers.Receipts,
    };

    public static bool AnyIn(string table) => Rules.ContainsKey(table);

    public static bool IsSensitive(string table, string rowKey, string column)
    {
        if (!Rules.TryGetValue(table, out var rules))
        {
            return false;
        }
        foreach (var (prefix, name) in rules)
        {
            if (name == column && rowKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The tenant a row belongs to: tenant data is partitioned by tenant, statements by tenant + "|" + account.</summary>
    public static string TenantOf(string partitionKey)
    {
        var bar = partitionKey.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? partitionKey : partitionKey[..bar];
    }
}
