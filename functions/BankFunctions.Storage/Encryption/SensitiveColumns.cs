namespace BankFunctions.Storage.Encryption;

/// <summary>
/// Which table columns hold sensitive data (issue #16: account numbers, IBANs, creditor and counterparty names and
/// addresses, remittance information, statement counterparties; webhook signing secrets) and so are stored encrypted. A rule with a row-key
/// prefix applies to those rows only (a counterparty's Name is a payee's name; an account's Name is the tenant's label).
/// Copies of these values elsewhere (audit before/after, event payloads, pending events, stored idempotent responses, outbox messages)
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
            // A person's email (issue #15): sign-in finds them by its hash (IdentityLinkRow), never by the value.
            (TableKeys.UserPrefix, "Email"),
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

    /// <summary>
    /// Binary (Edm.Binary) columns, sealed as bytes (<see cref="Envelope.BinaryMagic"/>): the events of a change waiting
    /// for the sequencer (<see cref="Rows.PendingEventRow"/>, gzipped JSON) hold payment views and statement transactions
    /// with every value above. They wait in the tenant partition and in account statement partitions (relayed from there).
    /// </summary>
    private static readonly Dictionary<string, (string RowKeyPrefix, string Column)[]> BinaryRules = new(StringComparer.Ordinal)
    {
        [TableNames.TenantData] = PendingEventParts,
        [TableNames.Statements] = PendingEventParts,
    };

    private static (string RowKeyPrefix, string Column)[] PendingEventParts =>
    [
        (TableKeys.EventPendingPrefix, nameof(Rows.PendingEventRow.Data0)), (TableKeys.EventPendingPrefix, nameof(Rows.PendingEventRow.Data1)),
        (TableKeys.EventPendingPrefix, nameof(Rows.PendingEventRow.Data2)), (TableKeys.EventPendingPrefix, nameof(Rows.PendingEventRow.Data3)),
    ];

    /// <summary>Blob containers whose every blob is encrypted: bank files (creditor names, IBANs), raw statements, e-receipts.</summary>
    public static readonly IReadOnlySet<string> Containers = new HashSet<string>(StringComparer.Ordinal)
    {
        BlobContainers.BankFiles, BlobContainers.Statements, BlobContainers.Receipts,
    };

    public static bool AnyIn(string table) => Rules.ContainsKey(table);

    private static readonly Dictionary<string, SensitiveColumn[]> Columns = Rules.ToDictionary(
        table => table.Key,
        table => Group(table.Value, binary: false).Concat(Group(BinaryRules.GetValueOrDefault(table.Key) ?? [], binary: true)).ToArray(),
        StringComparer.Ordinal);

    private static IEnumerable<SensitiveColumn> Group((string RowKeyPrefix, string Column)[] rules, bool binary) =>
        rules.GroupBy(rule => rule.Column, StringComparer.Ordinal).Select(rule => new SensitiveColumn(rule.Key, rule.Select(r => r.RowKeyPrefix).ToArray(), binary));

    /// <summary>The sensitive columns of <paramref name="table"/> (empty when it has none), each with the rows it applies to.</summary>
    public static IReadOnlyList<SensitiveColumn> Of(string table) => Columns.TryGetValue(table, out var columns) ? columns : [];

    /// <summary>
    /// Whether entity JSON written by the Table client may hold a sensitive column of <paramref name="table"/>: a
    /// search for the quoted column names, so that the entities that have none (most rows of most writes) are passed on
    /// without being parsed. The client writes property names unescaped, so a name that is there is found.
    /// </summary>
    public static bool MayHoldAny(string table, ReadOnlySpan<byte> json)
    {
        foreach (var column in Of(table))
        {
            if (json.IndexOf(column.QuotedUtf8) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <inheritdoc cref="MayHoldAny(string, ReadOnlySpan{byte})"/>
    public static bool MayHoldAny(string table, ReadOnlySpan<char> json)
    {
        foreach (var column in Of(table))
        {
            if (json.IndexOf(column.Quoted, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    public static bool IsSensitive(string table, string rowKey, string column)
    {
        foreach (var candidate in Of(table))
        {
            if (candidate.Name == column && candidate.AppliesTo(rowKey))
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

/// <summary>
/// One sensitive column of a table: its name (also as UTF-8, and quoted as entity JSON has it), the row-key prefixes of
/// the rows where it is sensitive, and whether it is binary (Edm.Binary: Base64 in entity JSON, sealed as bytes).
/// </summary>
public sealed class SensitiveColumn(string name, IReadOnlyList<string> rowKeyPrefixes, bool binary = false)
{
    public string Name { get; } = name;
    public bool Binary { get; } = binary;
    public byte[] Utf8Name { get; } = System.Text.Encoding.UTF8.GetBytes(name);
    public string Quoted { get; } = "\"" + name + "\"";
    public byte[] QuotedUtf8 { get; } = System.Text.Encoding.UTF8.GetBytes("\"" + name + "\"");

    public bool AppliesTo(string rowKey)
    {
        foreach (var prefix in rowKeyPrefixes)
        {
            if (rowKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
