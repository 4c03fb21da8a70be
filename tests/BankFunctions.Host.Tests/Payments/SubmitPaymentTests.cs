using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Host.Tests.Api;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Payments;

[Collection(HostCollection.Name)]
public sealed class SubmitPaymentTests(HostFixture host)
{
    [Fact]
    public async Task Accepted_payment_is_pending_approval_by_default_with_references()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var response = await Submit(submitter, EurPayment(t.EurAccount));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var p = await Json(response);
        Assert.StartsWith("pay_", p.GetProperty("id").GetString());
        Assert.Equal("pending_approval", p.GetProperty("status").GetString());
        Assert.Equal("125.00", p.GetProperty("amount").GetProperty("value").GetString());
        Assert.Equal(p.GetProperty("endToEndId").GetString(), p.GetProperty("bankReference").GetString());
        Assert.Equal(1, p.GetProperty("approvalsRequired").GetInt32());
        Assert.Equal("pending_approval", p.GetProperty("statusHistory")[0].GetProperty("status").GetString());
        Assert.Equal($"/v1/payments/{p.GetProperty("id").GetString()}", response.Headers.Location?.ToString());

        using var viewer = host.Client(t.Key("viewer"));
        var fetched = await viewer.GetFromJsonAsync<JsonElement>($"v1/payments/{p.GetProperty("id").GetString()}");
        Assert.Equal(p.GetProperty("id").GetString(), fetched.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Cmb_payment_gets_a_derived_yurref_as_bank_reference()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var p = await Json(await Submit(submitter, CnyPayment(t.CnyAccount)));
        var yurref = p.GetProperty("bankReference").GetString()!;
        Assert.StartsWith("BF", yurref);
        Assert.True(yurref.Length <= 30 && yurref.All(char.IsAsciiLetterOrDigit));
    }

    public static TheoryData<string, string, string> InvalidPayments => new()
    {
        // field, JSON patch (applied to a valid EUR payment), expected error field
        { "amount.value", """{"amount":{"currency":"EUR","value":"12.5"}}""", "amount.value" },
        { "amount.value", """{"amount":{"currency":"EUR","value":"0.00"}}""", "amount.value" },
        { "amount.value", """{"amount":{"currency":"EUR","value":"-5.00"}}""", "amount.value" },
        { "amount.value", """{"amount":{"currency":"EUR","value":"1e3"}}""", "amount.value" },
        { "amount.value", """{"amount":{"currency":"EUR","value":"1000000000000.00"}}""", "amount.value" },
        { "amount.currency", """{"amount":{"currency":"CNY","value":"10.00"}}""", "amount.currency" },
        { "amount.currency", """{"amount":{"currency":"XXX1","value":"10.00"}}""", "amount.currency" },
        { "creditor.iban", """{"creditor":{"name":"A","iban":"DE89370400440532013001"}}""", "creditor.iban" },
        { "creditor.iban", """{"creditor":{"name":"A","iban":"DE8937040044053201300"}}""", "creditor.iban" },
        { "creditor.bic", """{"creditor":{"name":"A","iban":"DE89370400440532013000","bic":"DEUT12FF"}}""", "creditor.bic" },
        { "creditor.name", """{"creditor":{"name":"Ωmega","iban":"DE89370400440532013000"}}""", "creditor.name" },
        { "creditor.name", """{"creditor":{"name":"","iban":"DE89370400440532013000"}}""", "creditor.name" },
        { "remittance", """{"remittanceInformation":"12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890X"}""", "remittanceInformation" },
        { "date", """{"requestedExecutionDate":"2001-01-01"}""", "requestedExecutionDate" },
        { "date", """{"requestedExecutionDate":"23/11/2026"}""", "requestedExecutionDate" },
        { "e2e", """{"endToEndId":"this-end-to-end-id-is-far-too-long-for-iso"}""", "endToEndId" },
        { "debtor", """{"debtorAccountId":"acc_unknown"}""", "debtorAccountId" },
        { "number amount", """{"amount":{"currency":"EUR","value":12.50}}""", "amount.value" },
    };

    [Theory]
    [MemberData(nameof(InvalidPayments))]
    public async Task Invalid_payment_is_a_field_error_and_creates_nothing(string _, string patch, string field)
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var body = JsonSerializer.SerializeToNode(EurPayment(t.EurAccount))!.AsObject();
        foreach (var (k, v) in JsonNode(patch))
        {
            body[k] = v?.DeepClone();
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/payments") { Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        await BadInputTests.AssertProblem(await submitter.SendAsync(request), 400, field);

        using var viewer = host.Client(t.Key("viewer"));
        var list = await viewer.GetFromJsonAsync<JsonElement>("v1/payments");
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    public static TheoryData<string, string> InvalidCmbPayments => new()
    {
        { """{"creditor":{"name":"深圳","accountNumber":"6225880112345678","bankCode":"30858400001"}}""", "creditor.bankCode" },
        { """{"creditor":{"name":"深圳","accountNumber":"62258801-2345678","bankCode":"308584000013"}}""", "creditor.accountNumber" },
        { """{"creditor":{"name":"深圳","iban":"DE89370400440532013000"}}""", "creditor.iban" },
        { """{"amount":{"currency":"JPY","value":"100"}}""", "amount.currency" },
    };

    [Theory]
    [MemberData(nameof(InvalidCmbPayments))]
    public async Task Invalid_cmb_payment_is_a_field_error(string patch, string field)
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var body = JsonSerializer.SerializeToNode(CnyPayment(t.CnyAccount))!.AsObject();
        foreach (var (k, v) in JsonNode(patch))
        {
            body[k] = v?.DeepClone();
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/payments") { Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        await BadInputTests.AssertProblem(await submitter.SendAsync(request), 400, field);
    }

    [Fact]
    public async Task Missing_or_bad_idempotency_key_is_400()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        await BadInputTests.AssertProblem(await submitter.PostAsJsonAsync("v1/payments", EurPayment(t.EurAccount)), 400, "Idempotency-Key");
        await BadInputTests.AssertProblem(await Submit(submitter, EurPayment(t.EurAccount), new string('k', 256)), 400, "Idempotency-Key");
    }

    private static System.Text.Json.Nodes.JsonObject JsonNode(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
}
