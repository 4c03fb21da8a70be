using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BankFunctions.Storage;
using BankFunctions.Host.Tests.EndToEnd;
using BankFunctions.TestSupport;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Encryption;

/// <summary>
/// Issue #16's scan: one end-to-end run (payments to both banks, an incoming credit, statement pulls), then every
/// table entity (keys and every property, gzipped binary ones decompressed), every blob and every queue message in
/// Azurite is read raw — without the host's decrypting pipeline — and searched for the plaintext of the sensitive
/// values the run used.
/// </summary>
internal static class PlaintextScan
{
    public const string PayerName = "Payer Zwolle BV";
    public const string PayerAccount = "NL02RABO0123456789";
    public const string PayerRemittance = "Scan credit remittance 7731";

    /// <summary>Runs the scenario; returns the sensitive values it stored.</summary>
    public static async Task<string[]> RunAsync(EndToEndFixture e2e)
    {
        var o = await e2e.OnboardAsync();
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        var eur = (await Json(await Submit(submitter, EurPayment(o.EurAccount, "250.00")))).GetProperty("id").GetString()!;
        var cny = (await Json(await Submit(submitter, CnyPayment(o.CnyAccount, "1250.00")))).GetProperty("id").GetString()!;
        Assert.Equal("completed", (await e2e.WaitForAsync(o.Tenant, eur, TimeSpan.FromSeconds(40), "completed", "rejected", "failed", "needs_attention")).GetProperty("status").GetString());
        Assert.Equal("completed", (await e2e.WaitForAsync(o.Tenant, cny, TimeSpan.FromSeconds(40), "completed", "rejected", "failed", "needs_attention")).GetProperty("status").GetString());
        var credit = await e2e.Bank.PostAsJsonAsync($"_sim/accounts/simbank-iso/{o.IsoIban}/credits",
            new { amount = "40.00", remittance = PayerRemittance, counterpartyName = PayerName, counterpartyAccount = PayerAccount });
        Assert.Equal(HttpStatusCode.Created, credit.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"v1/accounts/{o.EurAccount}/refresh", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"v1/accounts/{o.CnyAccount}/refresh", null)).StatusCode);
        // The API reads the values back in clear: encryption is transparent to every feature.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        while (!(await viewer.GetStringAsync($"v1/accounts/{o.EurAccount}/transactions")).Contains(PayerName, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the credit was not pulled in 40 s");
            await Task.Delay(200);
        }
        var payment = await viewer.GetFromJsonAsync<JsonElement>($"v1/payments/{eur}");
        Assert.Equal("Muster GmbH", payment.GetProperty("creditor").GetProperty("name").GetString());
        Assert.Equal("GB82WEST12345698765432", payment.GetProperty("creditor").GetProperty("iban").GetString());
        var (secret, previousSecret) = await WebhookSecretsAsync(admin);
        return
        [
            "Muster GmbH", "GB82WEST12345698765432", "Invoice 42", "深圳市供应商有限公司", "6225880112345678", "货款 2026-11",
            o.IsoIban, o.CnyNumber, PayerName, PayerAccount, PayerRemittance, secret, previousSecret,
        ];
    }

    /// <summary>
    /// A webhook endpoint whose secret was rotated (so both the current and the previous secret are stored); its test
    /// delivery is signed with both, which the host can only do by reading them back in clear.
    /// </summary>
    private static async Task<(string Secret, string PreviousSecret)> WebhookSecretsAsync(HttpClient admin)
    {
        using var receiver = new WebhookReceiver();
        var created = await Json(await admin.PostAsJsonAsync("v1/webhook-endpoints", new { url = receiver.Url }));
        var id = created.GetProperty("id").GetString()!;
        var first = created.GetProperty("secret").GetString()!;
        var second = (await Json(await admin.PostAsync($"v1/webhook-endpoints/{id}/rotate-secret", null))).GetProperty("secret").GetString()!;
        var test = await Json(await admin.PostAsync($"v1/webhook-endpoints/{id}/test", null));
        Assert.True(test.GetProperty("delivered").GetBoolean());
        var message = Assert.Single(receiver.All, m => m.Id == test.GetProperty("eventId").GetString());
        Assert.Equal([true], await WebhookReceiver.VerifyAsync(first, [message]));
        Assert.Equal([true], await WebhookReceiver.VerifyAsync(second, [message]));
        return (second, first);
    }

    /// <summary>What a scan found: every place a sensitive value is in clear, and how much it looked at.</summary>
    /// <param name="Found">"table/PK/RK/column: value", "…/column (gzip): value", "container/blob: value" or "queue/message id: value".</param>
    /// <param name="PendingRows">Pending event rows ("evp|") seen, by table.</param>
    /// <param name="LargestPendingRow">The most bytes of binary parts one pending row had.</param>
    /// <param name="Queues">Messages peeked, by queue (poison queues included).</param>
    public sealed record Scan(List<string> Found, IReadOnlyDictionary<string, int> PendingRows, int LargestPendingRow, IReadOnlyDictionary<string, int> Queues)
    {
        public int QueueMessages => Queues.Values.Sum();
    }

    /// <summary>
    /// Every place where one of <paramref name="secrets"/> is stored in clear: each table entity's keys and properties
    /// (a binary property that is gzip — the pending events — decompressed and searched too), each blob, and each
    /// visible queue message (peeked, so nothing is dequeued; a Base64 body is searched decoded too).
    /// </summary>
    public static async Task<Scan> FindAsync(string connectionString, IReadOnlyList<string> secrets)
    {
        var found = new List<string>();
        var pending = new Dictionary<string, int>(StringComparer.Ordinal);
        var largest = 0;
        void Search(string place, IEnumerable<string> texts)
        {
            foreach (var secret in secrets.Where(s => texts.Any(t => t.Contains(s, StringComparison.Ordinal))))
            {
                found.Add($"{place}: {secret}");
            }
        }
        var tables = new TableServiceClient(connectionString);
        await foreach (var table in tables.QueryAsync())
        {
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                Search($"{table.Name}/{entity.PartitionKey}/{entity.RowKey}", [entity.PartitionKey, entity.RowKey]);
                var binaryBytes = 0;
                foreach (var (column, value) in entity)
                {
                    var place = $"{table.Name}/{entity.PartitionKey}/{entity.RowKey}/{column}";
                    if (value is string text)
                    {
                        Search(place, [text]);
                    }
                    else if ((value as byte[] ?? (value as BinaryData)?.ToArray()) is { } bytes)
                    {
                        binaryBytes += bytes.Length;
                        Search(place, [Encoding.UTF8.GetString(bytes)]);
                        if (bytes is [0x1f, 0x8b, ..])
                        {
                            Search(place + " (gzip)", Texts(Gunzip(bytes)));
                        }
                    }
                }
                if (entity.RowKey.StartsWith(TableKeys.EventPendingPrefix, StringComparison.Ordinal))
                {
                    pending[table.Name] = pending.GetValueOrDefault(table.Name) + 1;
                    largest = Math.Max(largest, binaryBytes);
                }
            }
        }
        var blobs = new Azure.Storage.Blobs.BlobServiceClient(connectionString);
        await foreach (var container in blobs.GetBlobContainersAsync())
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
                Search($"{container.Name}/{blob.Name}", [Encoding.UTF8.GetString(content)]);
            }
        }
        var messages = new Dictionary<string, int>(StringComparer.Ordinal);
        var queues = new QueueServiceClient(connectionString);
        await foreach (var queue in queues.GetQueuesAsync())
        {
            // Peek sees up to 32 visible messages of a queue (the most the service returns); delayed ones are not visible.
            foreach (var message in (await queues.GetQueueClient(queue.Name).PeekMessagesAsync(32)).Value)
            {
                messages[queue.Name] = messages.GetValueOrDefault(queue.Name) + 1;
                var body = message.Body.ToString();
                Search($"queue {queue.Name}/{message.MessageId}", [.. Texts(Encoding.UTF8.GetBytes(body)), .. Base64Texts(body)]);
            }
        }
        return new Scan(found, pending, largest, messages);
    }

    /// <summary>The text as it is and, when it is JSON, every string in it unescaped (JSON may escape non-ASCII as \uXXXX).</summary>
    private static IEnumerable<string> Texts(byte[] utf8)
    {
        yield return Encoding.UTF8.GetString(utf8);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException)
        {
            yield break;
        }
        using (document)
        {
            foreach (var text in Strings(document.RootElement))
            {
                yield return text;
            }
        }
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings).ToList(),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value).Prepend(p.Name)).ToList(),
        _ => [],
    };

    private static IEnumerable<string> Base64Texts(string body)
    {
        var bytes = new byte[body.Length];
        return Convert.TryFromBase64String(body, bytes, out var length) ? Texts(bytes[..length]) : [];
    }

    private static byte[] Gunzip(byte[] zipped)
    {
        using var input = new GZipStream(new MemoryStream(zipped), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
