using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BankFunctions.Features.Http;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Contract;

/// <summary>Problem messages speak the API's language: no .NET type names or settings, the real reason (issue #19 item 10).</summary>
[Collection(HostCollection.Name)]
public sealed class ErrorMessageTests(HostFixture host)
{
    [Theory]
    [InlineData("""{"debtorAccountId":"acc_1","amount":125,"creditor":{"name":"A"}}""", "amount", "must be an object {\"currency\"")]
    [InlineData("""{"debtorAccountId":"acc_1","amount":{"currency":"EUR","value":125.00},"creditor":{"name":"A"}}""", "amount.value", "must be a string.")]
    [InlineData("""{"debtorAccountId":"acc_1","amount":{"currency":"EUR","value":"1.00"},"creditor":"A"}""", "creditor", "must be an object.")]
    [InlineData("""{"debtorAccountId":["acc_1"],"amount":{"currency":"EUR","value":"1.00"},"creditor":{"name":"A"}}""", "debtorAccountId", "must be a string.")]
    public async Task A_value_of_the_wrong_type_is_named_in_contract_terms(string body, string field, string expected)
    {
        var t = await host.CreateTenantAsync();
        using var submitter = host.Client(t.Key("submitter"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/payments") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var response = await submitter.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("BankFunctions", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        var messages = JsonDocument.Parse(text).RootElement.GetProperty("errors").GetProperty(field);
        Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(256, "is 256 characters long; it must be 1–255 printable ASCII characters.")]
    [InlineData(0, "must not be empty: 1–255 printable ASCII characters.")]
    public async Task An_idempotency_key_of_the_wrong_length_is_not_called_missing(int length, string expected)
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/payments") { Content = JsonContent.Create(EurPayment(t.EurAccount)) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', length));

        var response = await submitter.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json(response)).GetProperty("errors").GetProperty("Idempotency-Key");
        Assert.Equal(expected, Assert.Single(errors.EnumerateArray()).GetString());
    }

    [Fact]
    public void Repeated_or_missing_idempotency_keys_say_so()
    {
        Assert.StartsWith("is required", Features.Idempotency.IdempotencyKeys.KeyError(0, null), StringComparison.Ordinal);
        Assert.Equal("must be sent once, not repeated.", Features.Idempotency.IdempotencyKeys.KeyError(2, null));
        Assert.Null(Features.Idempotency.IdempotencyKeys.KeyError(1, new string('k', 255)));
    }

    [Fact]
    public async Task Self_approval_is_403_saying_the_creator_cannot_approve()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var all = host.Client(t.Key("all"));
        var payment = await Json(await Submit(all, EurPayment(t.EurAccount)));

        var response = await Act(all, $"v1/payments/{payment.GetProperty("id").GetString()}/approve");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await Json(response);
        Assert.Equal("The creator of a payment cannot approve it.", problem.GetProperty("title").GetString());
        Assert.Equal(ProblemTypes.Forbidden, problem.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("System.Nullable`1[System.Int32]", "must be a whole number.")]
    [InlineData("System.Collections.Generic.IReadOnlyList`1[System.String]", "must be an array.")]
    [InlineData("System.Boolean", "must be true or false.")]
    [InlineData("BankFunctions.Features.Payments.CreditorInput", "must be an object.")]
    public void Dotnet_types_become_json_shapes(string type, string expected) => Assert.Equal(expected, JsonErrorText.Expected(type));
}
