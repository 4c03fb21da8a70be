using System.Net;
using System.Net.Http.Json;
using BankFunctions.Features.Payments;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Payments;

/// <summary>
/// Names and remittance text for ISO 20022 (SEPA) banks: Latin letters outside the EPC basic set are converted as
/// EPC217-08 recommends and the response says so; what has no conversion is a 400 naming the character (issue #19 item 11).
/// </summary>
[Collection(HostCollection.Name)]
public sealed class SepaTransliterationTests(HostFixture host)
{
    [Theory]
    [InlineData("Müller GmbH", "Muller GmbH")]
    [InlineData("Ärztekammer Österreich", "Arztekammer Osterreich")]
    [InlineData("Straße", "Strasse")]
    [InlineData("Société Générale", "Societe Generale")]
    [InlineData("Łódź Ørsted Æbleskiver", "Lodz Orsted AEbleskiver")]
    [InlineData("Plain Name 42/A", "Plain Name 42/A")]
    [InlineData("Иванов", "Иванов")] // no agreed conversion: left for the validator to refuse
    public void Latin_letters_are_converted_as_EPC217_08_recommends(string text, string expected) =>
        Assert.Equal(expected, SepaText.Transliterate(text));

    [Fact]
    public async Task A_name_with_umlauts_is_sent_transliterated_and_the_response_says_so()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var body = new
        {
            debtorAccountId = t.EurAccount,
            amount = new { currency = "EUR", value = "10.00" },
            creditor = new { name = "Müller GmbH", iban = "GB82WEST12345698765432" },
            remittanceInformation = "Rechnung für März",
        };

        var response = await Submit(submitter, body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var payment = await Json(response);
        Assert.Equal("Muller GmbH", payment.GetProperty("creditor").GetProperty("name").GetString());
        Assert.Equal("Rechnung fur Marz", payment.GetProperty("remittanceInformation").GetString());
        var warnings = payment.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(warnings, w => w.StartsWith("creditor.name: \"Müller GmbH\" is sent as \"Muller GmbH\"", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("remittanceInformation:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_character_without_conversion_is_a_400_naming_it()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var body = new
        {
            debtorAccountId = t.EurAccount,
            amount = new { currency = "EUR", value = "10.00" },
            creditor = new { name = "Иванов", iban = "GB82WEST12345698765432" },
        };

        var response = await Submit(submitter, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await Json(response)).GetProperty("errors").GetProperty("creditor.name")[0].GetString()!;
        Assert.Contains("'И'", message, StringComparison.Ordinal);
        Assert.Contains("no EPC conversion", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_reports_converted_item_fields()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/payment-batches")
        {
            Content = JsonContent.Create(new
            {
                debtorAccountId = t.EurAccount,
                kind = "payments",
                items = new[] { new { amount = new { currency = "EUR", value = "1.00" }, creditor = new { name = "Jürgen Weiß", iban = "GB82WEST12345698765432" } } },
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var response = await submitter.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var warning = Assert.Single((await Json(response)).GetProperty("warnings").EnumerateArray()).GetString()!;
        Assert.StartsWith("items[0].creditor.name: \"Jürgen Weiß\" is sent as \"Jurgen Weiss\"", warning, StringComparison.Ordinal);
    }
}
