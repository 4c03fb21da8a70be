using System.Text.Json;
using BankFunctions.Banks.Signing;
using BankFunctions.Features.BankConnections;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Tests.BankConnections;

/// <summary>
/// POST /v1/bank-connections: the bank's family decides which credentials it takes; Features turns its field errors
/// into the 400 problem (every field, its API name and message) and its credentials into the connection to create.
/// </summary>
public sealed class CreateBankConnectionDecideTests
{
    private static CreateBankConnection.Decision Decide(string? bank, string? customerId = null, string? uid = null, string? sm4Key = null, string? algorithm = null) =>
        CreateBankConnection.Decide(new(bank, customerId, uid, sm4Key, algorithm), TestBanks.Profiles);

    private static async Task<(int Status, Dictionary<string, string[]> Errors)> Refused(Action decide)
    {
        var problem = Assert.Throws<Http.ProblemException>(decide).Problem;
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        await problem.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body);
        return (context.Response.StatusCode, body.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!);
    }

    [Fact]
    public void An_iso_bank_takes_a_customer_id_and_defaults_to_ps256()
    {
        var d = Decide("simbank-iso", customerId: "ACME-1");
        Assert.Equal(("simbank-iso", "ACME-1", null, null, "PS256", SigningKeyKind.Rsa2048), (d.Bank, d.CustomerId, d.Uid, d.Sm4Key, d.Algorithm, d.KeyKind));
        Assert.Equal(SigningKeyKind.EcP256, Decide("simbank-iso", customerId: "ACME-1", algorithm: "ES256").KeyKind);
    }

    [Fact]
    public void A_cmb_bank_takes_a_uid_and_sm4_key_and_an_sm2_key()
    {
        var d = Decide("simbank-cmb", uid: "N002463558", sm4Key: "00112233445566778899AABBCCDDEEFF");
        Assert.Equal(("simbank-cmb", null, "N002463558", "SM2", SigningKeyKind.Sm2), (d.Bank, d.CustomerId, d.Uid, d.Algorithm, d.KeyKind));
        Assert.Equal(Convert.FromHexString("00112233445566778899AABBCCDDEEFF"), d.Sm4Key);
    }

    [Fact]
    public async Task An_iso_bank_refuses_cmb_credentials_naming_every_field()
    {
        var (status, errors) = await Refused(() => Decide("simbank-iso", uid: "U1", sm4Key: "00", algorithm: "SM2"));
        Assert.Equal(400, status);
        Assert.Equal(
            new Dictionary<string, string[]>
            {
                ["customerId"] = ["is required: 1–35 characters of letters, digits, '-' and '_'."],
                ["uid"] = ["is not used by simbank-iso."],
                ["sm4Key"] = ["is not used by simbank-iso."],
                ["signatureAlgorithm"] = ["must be PS256, RS256 or ES256."],
            },
            errors);
    }

    [Fact]
    public async Task A_cmb_bank_refuses_iso_credentials_naming_every_field()
    {
        var (status, errors) = await Refused(() => Decide("simbank-cmb", customerId: "ACME", algorithm: "PS256"));
        Assert.Equal(400, status);
        Assert.Equal(
            new Dictionary<string, string[]>
            {
                ["uid"] = ["is required: 1–32 letters and digits."],
                ["sm4Key"] = ["is required: 32 hexadecimal characters (a 16-byte SM4 key)."],
                ["customerId"] = ["is not used by simbank-cmb."],
                ["signatureAlgorithm"] = ["simbank-cmb signs with SM2 only."],
            },
            errors);
    }

    [Fact]
    public async Task An_unknown_bank_is_refused_naming_the_configured_ones()
    {
        var (_, errors) = await Refused(() => Decide("nobank", customerId: "ACME"));
        Assert.Equal(["must be one of " + string.Join(", ", TestBanks.Profiles.Ids) + "."], errors["bank"]);
        Assert.Single(errors);
    }
}
