using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace BankFunctions.Host.Tests.Contract;

/// <summary>The response check every fixture client runs can fail: statuses, media types and bodies the document does not allow.</summary>
[Collection(HostCollection.Name)]
public sealed class ContractCheckTests(HostFixture host)
{
    private const string Payment = """
        {"id":"pay_1","status":"approved","debtorAccountId":"acc_1","amount":{"currency":"EUR","value":"1.00"},
         "creditor":{"name":"A"},"requestedExecutionDate":"2026-12-04","executionDate":"2026-12-04","endToEndId":"e","bankReference":"b",
         "approvalsRequired":1,"approvals":[],"approvalLevels":[],"createdBy":"key_1","statusHistory":[],"createdAt":"2026-12-04T00:00:00Z","updatedAt":"2026-12-04T00:00:00Z"}
        """;

    [Fact]
    public void A_documented_response_passes()
    {
        var operation = host.Contract.Operation("GET", "/v1/payments/pay_1", out var template)!;
        Assert.Equal("/v1/payments/{id}", template);
        Assert.Empty(host.Contract.Check(operation, 200, "application/json", Payment));
        Assert.Empty(host.Contract.Check(operation, 404, "application/problem+json", """{"type":"t","title":"Not found.","status":404}"""));
    }

    [Theory]
    [InlineData(302, "application/json", "status 302 is not documented")]
    [InlineData(200, "text/html", "media type")]
    public void An_undocumented_status_or_media_type_is_a_violation(int status, string mediaType, string expected)
    {
        var operation = host.Contract.Operation("GET", "/v1/payments/pay_1", out _)!;
        Assert.Contains(expected, Assert.Single(host.Contract.Check(operation, status, mediaType, Payment)));
    }

    [Theory]
    [InlineData("\"value\":\"1.00\"", "\"value\":1.00")] // money as a JSON number
    [InlineData("\"status\":\"approved\"", "\"status\":\"done\"")] // not a status
    [InlineData("\"bankReference\":\"b\",", "")] // a field always written is missing
    [InlineData("\"approvals\":[]", "\"approvals\":[],\"internal\":1")] // a field the contract does not have
    public void A_body_outside_its_schema_is_a_violation(string replace, string with)
    {
        var operation = host.Contract.Operation("GET", "/v1/payments/pay_1", out _)!;
        Assert.NotEmpty(host.Contract.Check(operation, 200, "application/json", Payment.Replace(replace, with, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_fixture_client_fails_a_request_whose_response_breaks_the_contract()
    {
        // The same host, held to a document in which /health must carry a field it does not have.
        var document = JsonNode.Parse(host.Contract.Document.ToJsonString())!.AsObject();
        document["components"]!["schemas"]!["GetHealthResponse"]!["required"]!.AsArray().Add("uptime");
        var strict = new OpenApiContract(document);
        var violations = new ConcurrentQueue<string>();
        using var client = new HttpClient(new ContractCheckingHandler(() => strict, violations)) { BaseAddress = host.BaseAddress };

        var error = await Assert.ThrowsAsync<ContractViolationException>(() => client.GetAsync("health"));

        Assert.Contains("GET /health → 200", error.Message);
        Assert.Single(violations);
    }
}
