using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BankFunctions.Banks.Adapters.Cmb;
using BankFunctions.Banks.Signing.Sm2;
using BankFunctions.Banks.Signing;
using BankFunctions.Features.BankConnections;
using BankFunctions.Features.Health;
using BankFunctions.Features.Payments;

namespace BankFunctions.Features.Dispatch.Protocols;

/// <summary>
/// The CMB-style cloud direct connect (BANKS.md §B): BB1PAYOP for one payment, BB1PAYBH for several, BB6BTHHL for
/// payroll (代发); every payment's yurref is derived from its id, so a resend is refused as NCB4241 and looked up.
/// Status by BB1PAYQR / BB6BPDQY. Requests are signed with the connection's SM2 key and SM4-encrypted.
/// </summary>
public sealed class CmbBankProtocol(IHttpClientFactory http, BankEndpointsOptions banks, ISigningKeyStore keys, IConnectionSecrets secrets, BankPublicKeys bankKeys, TimeProvider clock) : IBankProtocol
{
    private const string Bank = "simbank-cmb";
    private Org.BouncyCastle.Crypto.Parameters.ECPublicKeyParameters? _bankKey;

    public bool Serves(string bank) => bank == Bank;

    public static string Funcode(BankFileRequest request) =>
        request.File.Kind == "payroll" ? "BB6BTHHL" : request.Payments.Count == 1 ? "BB1PAYOP" : "BB1PAYBH";

    public async Task<PreparedFile> PrepareAsync(BankFileRequest request, CancellationToken cancellationToken)
    {
        var funcode = Funcode(request);
        var envelope = CmbEnvelope.Request(funcode, request.File.FileId, Uid(request), Body(request, funcode));
        var signer = Signer(request);
        await CmbEnvelope.SignAsync(envelope, signer, request.File.CreatedAt, null, cancellationToken);
        var sigdat = Convert.FromBase64String(envelope["signature"]!["sigdat"]!.GetValue<string>());
        return new PreparedFile(Encoding.UTF8.GetBytes(envelope.ToJsonString()), "application/json", sigdat, "SM2", signer.KeyId);
    }

    public async Task<SendOutcome> SendAsync(BankFileRequest request, PreparedFile file, CancellationToken cancellationToken)
    {
        var (outcome, response) = await PostAsync(request, Funcode(request), file.Content, cancellationToken);
        if (outcome is not null)
        {
            return outcome;
        }
        var head = response!["response"]!["head"]!;
        var code = head["resultcode"]?.GetValue<string>();
        if (code != "SUC0000")
        {
            return new SendOutcome.Terminal(code ?? "UNKNOWN", head["resultmsg"]?.GetValue<string>() ?? "");
        }
        var items = (response["response"]!["body"] as JsonObject)?.Select(p => p.Value).OfType<JsonArray>().FirstOrDefault() ?? [];
        var errors = items.Select(i => i?["errCod"]?.GetValue<string>() ?? "").ToList();
        if (errors.Count > 0 && errors.All(e => e == "NCB4241"))
        {
            return new SendOutcome.Duplicate(null);
        }
        // BB1PAYOP answers for its one payment without repeating the yurref; the batch answers name theirs.
        var statuses = items.OfType<JsonObject>()
            .Select(i => Map(i["yurRef"] is null && request.Payments.Count == 1 ? WithReference(i, request.Payments[0].BankReference) : i))
            .OfType<PaymentBankStatus>().ToList();
        return new SendOutcome.Accepted(items.FirstOrDefault()?["reqNbr"]?.GetValue<string>() ?? "", statuses);
    }

    public async Task<StatusOutcome> QueryAsync(BankFileRequest request, CancellationToken cancellationToken)
    {
        var payroll = request.File.Kind == "payroll";
        var funcode = payroll ? "BB6BPDQY" : "BB1PAYQR";
        var body = payroll
            ? new JsonObject { ["bb6bpdqyx1"] = new JsonArray(new JsonObject { ["yurRef"] = request.File.MessageId }) }
            : new JsonObject { ["bb1payqrx1"] = new JsonArray(request.Payments.Select(p => (JsonNode)new JsonObject { ["yurRef"] = p.BankReference }).ToArray()) };
        var envelope = CmbEnvelope.Request(funcode, Guid.NewGuid().ToString("N"), Uid(request), body);
        await CmbEnvelope.SignAsync(envelope, Signer(request), clock.GetUtcNow(), null, cancellationToken);
        var (outcome, response) = await PostAsync(request, funcode, Encoding.UTF8.GetBytes(envelope.ToJsonString()), cancellationToken);
        if (outcome is not null)
        {
            return new StatusOutcome.Unavailable(outcome.ToString());
        }
        var items = response!["response"]!["body"]?[payroll ? "bb6bpdqyz1" : "bb1payqrz1"] as JsonArray ?? [];
        if (items.Count == 0)
        {
            return new StatusOutcome.NotFound();
        }
        return new StatusOutcome.Found(null, items.OfType<JsonObject>().Select(Map).Where(s => s is not null).Select(s => s!).ToList());
    }

    private static JsonObject WithReference(JsonObject item, string yurRef)
    {
        var copy = (JsonObject)item.DeepClone();
        copy["yurRef"] = yurRef;
        return copy;
    }

    /// <summary>reqSts / rtnFlg → the contract's statuses; the bank's flag and error code are kept.</summary>
    public static PaymentBankStatus? Map(JsonObject item)
    {
        var yurRef = item["yurRef"]?.GetValue<string>();
        if (yurRef is null)
        {
            return null;
        }
        var reqSts = item["reqSts"]?.GetValue<string>();
        var flag = item["rtnFlg"]?.GetValue<string>();
        var code = item["errCod"]?.GetValue<string>() is { Length: > 0 } e ? e : flag;
        var text = item["errTxt"]?.GetValue<string>();
        var (status, reason) = reqSts != "FIN" ? (PaymentStatuses.Accepted, (string?)null) : flag switch
        {
            "S" => (PaymentStatuses.Completed, null),
            "F" => (PaymentStatuses.Rejected, text ?? "Failed at the bank"),
            "B" => (PaymentStatuses.Returned, text is { Length: > 0 } ? text : "Bounced after success (退票)"),
            "R" => (PaymentStatuses.Rejected, "Vetoed by the bank-side approver"),
            "D" => (PaymentStatuses.Rejected, "Expired without bank-side approval"),
            "C" => (PaymentStatuses.Cancelled, "Cancelled at the bank"),
            _ => (PaymentStatuses.Accepted, null),
        };
        return new PaymentBankStatus(yurRef, status, null, code, reason);
    }

    private static JsonObject Body(BankFileRequest request, string funcode)
    {
        var debtor = request.Debtor.AccountNumber ?? request.Debtor.Iban ?? "";
        if (funcode == "BB6BTHHL")
        {
            var total = request.Payments.Sum(p => decimal.Parse(p.Amount, CultureInfo.InvariantCulture));
            return new JsonObject
            {
                ["bb6bthhlx1"] = new JsonArray(new JsonObject
                {
                    ["yurRef"] = request.File.MessageId, ["dbtAcc"] = debtor, ["ccyNbr"] = "10",
                    ["ttlAmt"] = total.ToString("0.00", CultureInfo.InvariantCulture), ["ttlCnt"] = request.Payments.Count.ToString(CultureInfo.InvariantCulture), ["nusAge"] = "代发工资",
                }),
                ["bb6bthhlx2"] = new JsonArray(request.Payments.Select(p => (JsonNode)new JsonObject
                {
                    ["yurRef"] = p.BankReference, ["accNbr"] = p.CreditorAccountNumber, ["accNam"] = p.CreditorName, ["trsAmt"] = p.Amount,
                    ["trsDsp"] = p.RemittanceInformation ?? "工资",
                }).ToArray()),
            };
        }
        var items = new JsonArray(request.Payments.Select(p => (JsonNode)new JsonObject
        {
            ["yurRef"] = p.BankReference, ["dbtAcc"] = debtor, ["crtAcc"] = p.CreditorAccountNumber, ["crtNam"] = p.CreditorName,
            ["crtBnk"] = p.CreditorBankCode, ["trsAmt"] = p.Amount, ["ccyNbr"] = "10", ["nusAge"] = p.RemittanceInformation ?? "付款", ["bnkFlg"] = "N",
        }).ToArray());
        var mode = new JsonArray(new JsonObject { ["busCod"] = "N02030", ["busMod"] = "00001" });
        return funcode == "BB1PAYOP"
            ? new JsonObject { ["bb1paybmx1"] = mode, ["bb1payopx1"] = items }
            : new JsonObject { ["bb1bmdbhx1"] = mode, ["bb1paybhx1"] = items };
    }

    /// <summary>The connection's SM2 key with the UID-derived user id (BANKS.md §B).</summary>
    private ISigner Signer(BankFileRequest request) =>
        keys.GetSigner(request.Connection.SigningKeyId, SignatureAlgorithms.SM2SM3, CmbCrypto.UserId(Uid(request)));

    private async Task<(SendOutcome? Failure, JsonObject? Response)> PostAsync(BankFileRequest request, string funcode, byte[] envelope, CancellationToken cancellationToken)
    {
        var uid = Uid(request);
        var sm4 = await secrets.GetAsync(request.Connection.Sm4KeySecretName ?? throw new InvalidOperationException("connection has no SM4 key"), cancellationToken);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UID"] = uid, ["FUNCODE"] = funcode, ["ALG"] = "SM", ["DATA"] = Convert.ToBase64String(CmbCrypto.Sm4Encrypt(sm4, CmbCrypto.Iv(uid), envelope)), ["INSPLAT"] = "BankFunctions",
        });
        string text;
        try
        {
            using var response = await Client().PostAsync(new Uri(BaseUrl(), "cmb"), form, cancellationToken);
            text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return (BankHttp.FromStatus((int)response.StatusCode, text, response.Headers.RetryAfter?.Delta), null);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return (BankHttp.Classify(e), null);
        }
        if (CmbEnvelope.IsPlainTextError(text))
        {
            // Refused before decryption: our credentials or signature are wrong; resending cannot help.
            return (new SendOutcome.Terminal("CDC", text.Length > 200 ? text[..200] : text), null);
        }
        var parsed = CmbEnvelope.TryOpen(text, sm4, uid);
        if (parsed is null)
        {
            return (new SendOutcome.UnknownOutcome("unreadable response"), null);
        }
        if (!CmbEnvelope.Verify(parsed, await BankKeyAsync(cancellationToken), uid))
        {
            // An answer we cannot trust tells us nothing: treat it as no answer.
            return (new SendOutcome.UnknownOutcome("response signature does not verify"), null);
        }
        return (null, parsed);
    }

    private async Task<Org.BouncyCastle.Crypto.Parameters.ECPublicKeyParameters> BankKeyAsync(CancellationToken cancellationToken)
    {
        if (_bankKey is not null)
        {
            return _bankKey;
        }
        var pem = await bankKeys.PemAsync(Bank, cancellationToken);
        _bankKey = Sm2Crypto.ReadPublicKeyPem(pem);
        return _bankKey;
    }

    private static string Uid(BankFileRequest request) => request.Connection.Uid ?? throw new InvalidOperationException("connection has no UID");

    private Uri BaseUrl() => banks.Banks.TryGetValue(Bank, out var b) && b.BaseUrl is { } url
        ? new Uri(url.ToString().TrimEnd('/') + "/")
        : throw new InvalidOperationException("Banks__simbank-cmb__BaseUrl is not configured.");

    private HttpClient Client()
    {
        var client = http.CreateClient("bank:" + Bank);
        client.Timeout = TimeSpan.FromSeconds(banks.Banks.GetValueOrDefault(Bank)?.TimeoutSeconds ?? 10);
        return client;
    }
}
