using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace BankFunctions.Host.Tests.Contract;

/// <summary>What the document states and the API does agree (issue #19 item 11): content types, limits, Location.</summary>
[Collection(HostCollection.Name)]
public sealed class AlignmentTests(HostFixture host)
{
    [Theory]
    [InlineData("image/png")]
    [InlineData("application/x-www-form-urlencoded")] // what curl --data-binary sends unless told otherwise
    public async Task Statement_import_refuses_a_body_that_is_not_a_statement_type_with_415(string contentType)
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(t.Key("admin"));
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(":20:X\r\n"));
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        var response = await admin.PostAsync($"v1/accounts/{t.EurAccount}/statements", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
        Assert.Contains("text/plain", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_an_account_answers_with_its_location()
    {
        var t = await host.CreateTenantAsync();
        using var admin = host.Client(t.Key("all")); // admin creates, viewer reads
        var connection = await HostFixture.PostJson(admin, "v1/bank-connections", new { bank = "simbank-iso", customerId = "C" + t.Id });
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/accounts")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { bankConnectionId = connection.GetProperty("id").GetString(), iban = "DE89370400440532013000", currency = "EUR", name = "Treasury" }),
        };

        var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        Assert.Equal($"/v1/accounts/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(response.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task A_replayed_201_carries_the_same_location()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var key = Guid.NewGuid().ToString();
        var body = Payments.PaymentApi.EurPayment(t.EurAccount);

        var first = await Payments.PaymentApi.Submit(submitter, body, key);
        var replay = await Payments.PaymentApi.Submit(submitter, body, key);

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.NotNull(first.Headers.Location);
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
    }

    [Fact]
    public void The_document_states_the_body_limits()
    {
        var paths = host.Contract.Document["paths"]!;
        Assert.Contains("16 MiB", paths["/v1/payment-batches"]!["post"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("50 MiB", paths["/v1/accounts/{id}/statements"]!["post"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("415", paths["/v1/payments"]!["post"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
