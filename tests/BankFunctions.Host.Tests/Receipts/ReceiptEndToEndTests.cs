using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using BankFunctions.Features.Receipts;
using BankFunctions.Features.Runtime;
using BankFunctions.Formats.Statements;
using BankFunctions.Host.Tests.EndToEnd;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using BankFunctions.TestSupport;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Receipts;

/// <summary>
/// Issue #14 "E-receipts" end to end on Azurite + BankSim: a payment at each bank is completed, the pull books it,
/// the receipt is fetched in the background and both routes answer the bank's bytes with matching digests; before
/// that a clear 404; another tenant's ids are 404; the same work delivered again changes nothing.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ReceiptEndToEndTests(EndToEndFixture e2e)
{
    private const string NotAvailable = "https://bankfunctions.dev/problems/receipt-not-available";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Iso_payment_receipt_is_the_entrys_camt054_from_the_bank_with_matching_digest()
    {
        // No scheduled pulls: the receipt can only come after the refresh below.
        var o = await e2e.OnboardAsync(pullSchedule: "0 0 0 1 1 *");
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        var payment = (await Json(await Submit(submitter, EurPayment(o.EurAccount, "321.00")))).GetProperty("id").GetString()!;

        await AssertNotAvailableAsync(viewer, $"v1/payments/{payment}/receipt");
        await e2e.WaitForAsync(o.Tenant, payment, Timeout, "completed");
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"v1/accounts/{o.EurAccount}/refresh", null)).StatusCode);

        var (bytes, response) = await ReceiptAsync(viewer, $"v1/payments/{payment}/receipt");
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        AssertDigests(bytes, response);
        var statement = Assert.Single(StatementParser.Parse(new MemoryStream(bytes), "receipt.xml").Statements);
        Assert.Equal("camt.054", statement.Kind);
        var entry = Assert.Single(statement.Entries);
        Assert.Equal(-321.00m, entry.Amount);
        // Byte for byte what the bank serves for that entry.
        Assert.Equal(await e2e.Bank.GetByteArrayAsync($"iso/v1/accounts/{o.IsoIban}/receipts/{entry.BankReference}"), bytes);

        // The statement entry that booked it answers the same document.
        var entryId = await EntryIdAsync(viewer, o.EurAccount, payment);
        var (entryBytes, entryResponse) = await ReceiptAsync(viewer, $"v1/accounts/{o.EurAccount}/transactions/{entryId}/receipt");
        Assert.Equal(bytes, entryBytes);
        Assert.Equal(response.Headers.ETag, entryResponse.Headers.ETag);

        // If-None-Match with the current ETag: 304 without the body.
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"v1/payments/{payment}/receipt");
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        var notModified = await viewer.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(response.Headers.ETag, notModified.Headers.ETag);

        // Another tenant: both routes are the plain 404 of an unknown id.
        var other = await e2e.OnboardAsync(pullSchedule: "0 0 0 1 1 *");
        using var stranger = e2e.Host.Client(other.Tenant.Key("viewer"));
        await AssertNotFoundAsync(stranger, $"v1/payments/{payment}/receipt");
        await AssertNotFoundAsync(stranger, $"v1/accounts/{o.EurAccount}/transactions/{entryId}/receipt");
        await AssertNotFoundAsync(stranger, $"v1/accounts/{other.EurAccount}/transactions/{entryId}/receipt");
    }

    [Fact]
    public async Task Cmb_payment_receipt_is_the_DCSIGREC_pdf_kept_once_with_the_banks_signature()
    {
        var o = await e2e.OnboardAsync(pullSchedule: "0 0 0 1 1 *");
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        var payment = (await Json(await Submit(submitter, CnyPayment(o.CnyAccount, "1888.00")))).GetProperty("id").GetString()!;
        await e2e.WaitForAsync(o.Tenant, payment, Timeout, "completed");
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"v1/accounts/{o.CnyAccount}/refresh", null)).StatusCode);

        var (bytes, response) = await ReceiptAsync(viewer, $"v1/payments/{payment}/receipt");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF-1.4", System.Text.Encoding.ASCII.GetString(bytes, 0, 8), StringComparison.Ordinal);
        Assert.Contains("1888.00", System.Text.Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
        AssertDigests(bytes, response);

        var entryId = await EntryIdAsync(viewer, o.CnyAccount, payment);
        var (entryBytes, _) = await ReceiptAsync(viewer, $"v1/accounts/{o.CnyAccount}/transactions/{entryId}/receipt");
        Assert.Equal(bytes, entryBytes);

        // One blob under the tenant's account, with the hash and the bank's SM2 signature (verified when it arrived).
        var container = new BlobContainerClient(e2e.Host.Azurite.ConnectionString, BlobContainers.Receipts);
        var blobs = new List<string>();
        await foreach (var item in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"{o.Tenant.Id}/{o.CnyAccount}/", CancellationToken.None))
        {
            blobs.Add(item.Name);
        }
        var name = Assert.Single(blobs);
        var properties = (await container.GetBlobClient(name).GetPropertiesAsync()).Value;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), properties.Metadata["sha256"]);
        Assert.Equal(64, Convert.FromBase64String(properties.Metadata["banksignature"]).Length);
    }

    [Fact]
    public async Task The_same_work_delivered_again_changes_nothing_and_an_incoming_credit_gets_its_own_receipt()
    {
        var o = await e2e.OnboardAsync(pullSchedule: "0 0 0 1 1 *");
        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        var credit = await e2e.Bank.PostAsJsonAsync($"_sim/accounts/simbank-iso/{o.IsoIban}/credits",
            new { amount = "45.00", remittance = "Deposit", counterpartyName = "Payer BV", counterpartyAccount = "NL02RABO0123456789" });
        Assert.Equal(HttpStatusCode.Created, credit.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"v1/accounts/{o.EurAccount}/refresh", null)).StatusCode);

        string? entryId = null;
        await WaitUntilAsync(async () => (entryId = (await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{o.EurAccount}/transactions"))
            .GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()).FirstOrDefault()) is not null);
        var (bytes, response) = await ReceiptAsync(viewer, $"v1/accounts/{o.EurAccount}/transactions/{entryId}/receipt");
        AssertDigests(bytes, response);

        var statements = e2e.Host.Services.GetRequiredService<StorageClients>().Table(TableNames.Statements);
        var partition = TableKeys.StatementPartition(o.Tenant.Id, o.EurAccount);
        StatementEntryRow? before = null;
        await foreach (var row in statements.QueryAsync<StatementEntryRow>(r => r.PartitionKey == partition && r.EntryKey == entryId))
        {
            before = row;
        }
        var blob = new BlobContainerClient(e2e.Host.Azurite.ConnectionString, BlobContainers.Receipts).GetBlobClient(before!.ReceiptBlob);
        var blobETag = (await blob.GetPropertiesAsync()).Value.ETag;

        // The message arrives twice more (queues deliver at least once): nothing is fetched, written or linked again.
        var work = new ReceiptMessage(o.Tenant.Id, o.EurAccount, before.BankReference!).ToJson();
        for (var i = 0; i < 2; i++)
        {
            using var scope = e2e.Host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<FetchReceipt>().HandleAsync(
                new QueueMessageContext(QueueNames.ReceiptsFetch, "dup-" + i, work, 1, DateTimeOffset.UtcNow), CancellationToken.None);
        }
        var after = (await statements.GetEntityAsync<StatementEntryRow>(before.PartitionKey, before.RowKey)).Value;
        Assert.Equal(before.ETag, after.ETag);
        Assert.Equal(blobETag, (await blob.GetPropertiesAsync()).Value.ETag);
        var outbox = await e2e.Host.Services.GetRequiredService<StorageClients>().Table(TableNames.TenantData)
            .GetEntityIfExistsAsync<OutboxRow>(o.Tenant.Id, TableKeys.OutboxRow(new ReceiptMessage(o.Tenant.Id, o.EurAccount, before.BankReference!).Subject));
        Assert.False(outbox.HasValue);
        var (again, _) = await ReceiptAsync(viewer, $"v1/accounts/{o.EurAccount}/transactions/{entryId}/receipt");
        Assert.Equal(bytes, again);

        // The feed (issue #14): the booking and its receipt each announced once, the redeliveries announced nothing.
        List<JsonElement> feed = [];
        await WaitUntilAsync(async () => (feed = (await viewer.GetFromJsonAsync<JsonElement>("v1/events?limit=1000")).GetProperty("items").EnumerateArray().ToList())
            .Any(e => e.GetProperty("type").GetString() == "receipt.available"));
        var booked = Assert.Single(feed, e => e.GetProperty("type").GetString() == "transaction.booked" && e.GetProperty("data").GetProperty("id").GetString() == entryId);
        Assert.Equal("45.00", booked.GetProperty("data").GetProperty("amount").GetString());
        var receipt = Assert.Single(feed, e => e.GetProperty("type").GetString() == "receipt.available").GetProperty("data");
        Assert.Equal(entryId, receipt.GetProperty("entryId").GetString());
        Assert.Equal(o.EurAccount, receipt.GetProperty("accountId").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), receipt.GetProperty("sha256").GetString());
        Assert.Equal(bytes.Length, receipt.GetProperty("size").GetInt32());
        Assert.Equal(Enumerable.Range(1, feed.Count).Select(i => (long)i), feed.Select(e => e.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task A_given_up_receipt_is_fetched_again_by_the_admin_refresh_route_and_a_stored_one_is_refused()
    {
        var o = await e2e.OnboardAsync(pullSchedule: "0 0 0 1 1 *");
        var other = await e2e.OnboardAsync(pullSchedule: "0 0 0 1 1 *");
        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        Assert.Equal(HttpStatusCode.Created, (await e2e.Bank.PostAsJsonAsync($"_sim/accounts/simbank-iso/{o.IsoIban}/credits",
            new { amount = "12.00", remittance = "Refund", counterpartyName = "Shop BV", counterpartyAccount = "NL02RABO0123456789" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"v1/accounts/{o.EurAccount}/refresh", null)).StatusCode);
        string? entryId = null;
        await WaitUntilAsync(async () => (entryId = (await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{o.EurAccount}/transactions"))
            .GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()).FirstOrDefault()) is not null);
        var path = $"v1/accounts/{o.EurAccount}/transactions/{entryId}/receipt";
        var (bytes, _) = await ReceiptAsync(viewer, path);

        // Stored: nothing to refresh. Another tenant's account: not found. A viewer may not.
        var stored = await admin.PostAsync(path + "/refresh", null);
        Assert.Equal(HttpStatusCode.Conflict, stored.StatusCode);
        Assert.Equal("https://bankfunctions.dev/problems/invalid-state", (await Json(stored)).GetProperty("type").GetString());
        using var stranger = e2e.Host.Client(other.Tenant.Key("admin"));
        var foreign = await stranger.PostAsync(path + "/refresh", null);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal("https://bankfunctions.dev/problems/not-found", (await Json(foreign)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync(path + "/refresh", null)).StatusCode);

        // The state FetchReceipt leaves when it gives up: no link, the reason on the entry.
        var statements = e2e.Host.Services.GetRequiredService<StorageClients>().Table(TableNames.Statements);
        var partition = TableKeys.StatementPartition(o.Tenant.Id, o.EurAccount);
        StatementEntryRow? entry = null;
        await foreach (var row in statements.QueryAsync<StatementEntryRow>(r => r.PartitionKey == partition && r.EntryKey == entryId))
        {
            entry = row;
        }
        (entry!.ReceiptBlob, entry.ReceiptSha256, entry.ReceiptContentType, entry.ReceiptFailure) = (null, null, null, "The bank kept answering 'not yet'.");
        await statements.UpdateEntityAsync(entry, entry.ETag, Azure.Data.Tables.TableUpdateMode.Replace);
        await AssertNotAvailableAsync(viewer, path);

        var refreshed = await admin.PostAsync(path + "/refresh", null);
        Assert.Equal(HttpStatusCode.Accepted, refreshed.StatusCode);
        Assert.True((await Json(refreshed)).GetProperty("queued").GetBoolean());
        var (again, _) = await ReceiptAsync(viewer, path);
        Assert.Equal(bytes, again);
        var audit = (await admin.GetFromJsonAsync<JsonElement>("v1/audit?limit=1000")).GetProperty("items").EnumerateArray();
        Assert.Contains(audit, a => a.GetProperty("action").GetString() == "receipt.refresh-requested");
    }

    [Fact]
    public async Task A_payments_given_up_receipt_is_fetched_again_by_the_payment_refresh_route_once_the_payment_is_booked()
    {
        var o = await e2e.OnboardAsync(pullSchedule: "0 0 0 1 1 *");
        var other = await e2e.OnboardAsync(pullSchedule: "0 0 0 1 1 *");
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        var payment = (await Json(await Submit(submitter, EurPayment(o.EurAccount, "54.00")))).GetProperty("id").GetString()!;
        var refresh = $"v1/payments/{payment}/receipt/refresh";
        await e2e.WaitForAsync(o.Tenant, payment, Timeout, "completed");

        // Completed by the bank's status report, not yet booked in a statement: no entry to ask a receipt for.
        var notBooked = await admin.PostAsync(refresh, null);
        Assert.Equal(HttpStatusCode.Conflict, notBooked.StatusCode);
        Assert.Contains("not booked", (await Json(notBooked)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"v1/accounts/{o.EurAccount}/refresh", null)).StatusCode);
        var (bytes, _) = await ReceiptAsync(viewer, $"v1/payments/{payment}/receipt");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync(refresh, null)).StatusCode); // stored
        using var stranger = e2e.Host.Client(other.Tenant.Key("admin"));
        await AssertNotFoundAsync(stranger, refresh, HttpMethod.Post);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync(refresh, null)).StatusCode);

        // The state FetchReceipt leaves when it gives up: neither the payment nor its entry linked, the reason on the entry.
        var storage = e2e.Host.Services.GetRequiredService<StorageClients>();
        var tenantData = storage.Table(TableNames.TenantData);
        var row = (await tenantData.GetEntityAsync<PaymentRow>(TableKeys.TenantPartition(o.Tenant.Id), TableKeys.PaymentRow(payment))).Value;
        (row.ReceiptBlob, row.ReceiptSha256, row.ReceiptContentType) = (null, null, null);
        await tenantData.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace);
        var statements = storage.Table(TableNames.Statements);
        var entry = await FetchReceipt.FindEntryAsync(statements, TableKeys.StatementPartition(o.Tenant.Id, o.EurAccount), row.BookingReference!, CancellationToken.None);
        (entry!.ReceiptBlob, entry.ReceiptSha256, entry.ReceiptContentType, entry.ReceiptFailure) = (null, null, null, "The bank kept answering 'not yet'.");
        await statements.UpdateEntityAsync(entry, entry.ETag, Azure.Data.Tables.TableUpdateMode.Replace);
        await AssertNotAvailableAsync(viewer, $"v1/payments/{payment}/receipt");

        var refreshed = await admin.PostAsync(refresh, null);
        Assert.Equal(HttpStatusCode.Accepted, refreshed.StatusCode);
        var body = await Json(refreshed);
        Assert.Equal(row.BookingReference, body.GetProperty("bookingReference").GetString());
        var (again, _) = await ReceiptAsync(viewer, $"v1/payments/{payment}/receipt");
        Assert.Equal(bytes, again);
        var audit = (await admin.GetFromJsonAsync<JsonElement>("v1/audit?limit=1000")).GetProperty("items").EnumerateArray();
        Assert.Contains(audit, a => a.GetProperty("action").GetString() == "receipt.refresh-requested" && a.GetProperty("subject").GetString() == payment);
    }

    private static void AssertDigests(byte[] bytes, HttpResponseMessage response)
    {
        var sha = SHA256.HashData(bytes);
        Assert.Equal($"\"{Convert.ToHexStringLower(sha)}\"", response.Headers.ETag!.Tag);
        Assert.Equal("sha-256=" + Convert.ToBase64String(sha), Assert.Single(response.Headers.GetValues("Digest")));
        Assert.Equal($"sha-256=:{Convert.ToBase64String(sha)}:", Assert.Single(response.Headers.GetValues("Repr-Digest")));
    }

    /// <summary>Waits for the background fetch: 404 receipt-not-available until the receipt is stored, then its bytes.</summary>
    private static async Task<(byte[] Bytes, HttpResponseMessage Response)> ReceiptAsync(HttpClient client, string path)
    {
        HttpResponseMessage? response = null;
        await WaitUntilAsync(async () =>
        {
            response = await client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                Assert.Equal(NotAvailable, (await Json(response)).GetProperty("type").GetString());
                return false;
            }
            return true;
        });
        Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
        return (await response.Content.ReadAsByteArrayAsync(), response);
    }

    private static async Task AssertNotAvailableAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(NotAvailable, (await Json(response)).GetProperty("type").GetString());
    }

    private static async Task AssertNotFoundAsync(HttpClient client, string path, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("https://bankfunctions.dev/problems/not-found", (await Json(response)).GetProperty("type").GetString());
    }

    private static async Task<string> EntryIdAsync(HttpClient client, string account, string payment)
    {
        string? id = null;
        await WaitUntilAsync(async () => (id = await EntryIdOrNullAsync(client, account, payment)) is not null);
        return id!;
    }

    private static async Task<string?> EntryIdOrNullAsync(HttpClient client, string account, string payment) =>
        (await client.GetFromJsonAsync<JsonElement>($"v1/accounts/{account}/transactions")).GetProperty("items").EnumerateArray()
            .Where(t => t.GetProperty("paymentIds").EnumerateArray().Any(p => p.GetString() == payment))
            .Select(t => t.GetProperty("id").GetString()).FirstOrDefault();

    private static Task WaitUntilAsync(Func<Task<bool>> condition) => Eventually.HoldsAsync(condition, Timeout);
}
