using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Xml.Linq;

namespace BankSim.Tests;

/// <summary>A registered simbank-iso customer with an RSA key, sending signed files (the .NET side; openssl is used in interop tests).</summary>
public sealed class IsoClient(BankSimFixture sim, string customerId, RSA key, string debtorIban)
{
    public string CustomerId => customerId;
    public string DebtorIban => debtorIban;

    public static async Task<IsoClient> CreateAsync(BankSimFixture sim, string balance = "100000.00", string? creditorIban = null)
    {
        var id = "C" + Guid.NewGuid().ToString("N")[..10];
        var key = RSA.Create(2048);
        var iban = Ibans.Next();
        var accounts = new List<object> { new { account = iban, currency = "EUR", name = "Test Treasury", balance } };
        if (creditorIban is not null)
        {
            accounts.Add(new { account = creditorIban, currency = "EUR", name = "In-house creditor", balance = "0.00" });
        }
        await sim.RegisterAsync(new { bank = "simbank-iso", customerId = id, keyId = "k1", publicKeyPem = key.ExportSubjectPublicKeyInfoPem(), accounts });
        return new IsoClient(sim, id, key, iban);
    }

    public byte[] Sign(byte[] body) => key.SignData(body, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);

    public async Task<HttpResponseMessage> SendAsync(byte[] body, string alg = "PS256", byte[]? signature = null)
    {
        signature ??= key.SignData(body, HashAlgorithmName.SHA256, alg == "PS256" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
        using var request = new HttpRequestMessage(HttpMethod.Post, "iso/v1/payment-files") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        request.Headers.Add("X-Customer-Id", customerId);
        request.Headers.Add("X-Key-Id", "k1");
        request.Headers.Add("X-Signature-Alg", alg);
        request.Headers.Add("X-Signature", Convert.ToBase64String(signature));
        return await sim.Client.SendAsync(request);
    }

    public async Task<string> SendOkAsync(byte[] body)
    {
        var response = await SendAsync(body);
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 202)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
        }
        return JsonDocument.Parse(text).RootElement.GetProperty("fileId").GetString()!;
    }

    public async Task<XDocument> StatusAsync(string fileId) =>
        XDocument.Parse(await sim.Client.GetStringAsync($"iso/v1/payment-files/{fileId}/status"));

    /// <summary>Polls until the group status is one of <paramref name="statuses"/>.</summary>
    public async Task<XDocument> WaitForAsync(string fileId, params string[] statuses)
    {
        for (var i = 0; i < 100; i++)
        {
            var doc = await StatusAsync(fileId);
            if (statuses.Contains(Pain002.GroupStatus(doc)))
            {
                return doc;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"file {fileId} never reached {string.Join('/', statuses)}");
    }
}

public static class Pain002
{
    private static readonly XNamespace Ns = "urn:iso:std:iso:20022:tech:xsd:pain.002.001.10";

    public static string GroupStatus(XDocument doc) => doc.Descendants(Ns + "GrpSts").Single().Value;

    public static IReadOnlyDictionary<string, (string Status, string? Reason)> Transactions(XDocument doc) =>
        doc.Descendants(Ns + "TxInfAndSts").ToDictionary(
            t => t.Element(Ns + "OrgnlEndToEndId")!.Value,
            t => (t.Element(Ns + "TxSts")!.Value, t.Element(Ns + "StsRsnInf")?.Element(Ns + "Rsn")?.Element(Ns + "Cd")?.Value));
}

/// <summary>Valid German IBANs generated with correct mod-97 check digits, unique per test.</summary>
public static class Ibans
{
    private static int _counter = 100000;

    public static string Next()
    {
        var bban = "37040044" + Interlocked.Increment(ref _counter).ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
        var numeric = bban + "131400"; // D=13 E=14 00
        var remainder = 0;
        foreach (var c in numeric)
        {
            remainder = ((remainder * 10) + (c - '0')) % 97;
        }
        return $"DE{98 - remainder:D2}{bban}";
    }
}
