using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BankSim.Sim;

namespace BankSim.Cmb;

/// <summary>
/// POST /cmb: form fields UID, FUNCODE, ALG=SM, DATA (base64 SM4-CBC of the signed envelope), optional INSPLAT.
/// Errors before decryption are plain text containing ErrMsg / CDCServer, as the real service answers.
/// </summary>
public static class CmbRoutes
{
    public static void MapCmbBank(this WebApplication app) => app.MapPost("/cmb", HandleAsync).DisableAntiforgery();

    private static async Task HandleAsync(HttpContext http, Customers customers, CmbBank bank, CmbBankKey bankKey, Faults faults, SimOptions options, TimeProvider clock)
    {
        if (!http.Request.HasFormContentType)
        {
            await Plain(http, "CDCServer: ErrMsg=request must be application/x-www-form-urlencoded");
            return;
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var uid = form["UID"].ToString();
        var funcode = form["FUNCODE"].ToString();
        var customer = customers.Cmb(uid);
        if (customer is null)
        {
            await Plain(http, "CDCServer: ErrMsg=UID not registered");
            return;
        }
        if (form["ALG"].ToString() != "SM")
        {
            await Plain(http, "CDCServer: ErrMsg=ALG must be SM");
            return;
        }
        JsonObject envelope;
        try
        {
            var plain = CmbCrypto.Sm4(false, customer.Sm4Key, CmbCrypto.Iv(uid), Convert.FromBase64String(form["DATA"].ToString()));
            envelope = JsonNode.Parse(plain)!.AsObject();
        }
        catch (Exception e) when (e is FormatException or JsonException or Org.BouncyCastle.Crypto.InvalidCipherTextException or InvalidOperationException or ArgumentException)
        {
            await Plain(http, "CDCServer: ErrMsg=DATA could not be decrypted with the registered SM4 key");
            return;
        }
        var sigdat = envelope["signature"]?["sigdat"]?.GetValue<string>();
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(sigdat ?? "");
        }
        catch (FormatException)
        {
            signature = [];
        }
        if (signature.Length == 0 || !CmbCrypto.Verify(CmbCrypto.ReadKey(customer.Sm2PublicKeyPem), CmbCrypto.UserId(uid), CmbCrypto.Canonical(envelope), signature))
        {
            await Plain(http, "CDCServer: ErrMsg=signature verification failed");
            return;
        }
        var head = envelope["request"]?["head"] as JsonObject;
        if (head?["funcode"]?.GetValue<string>() != funcode)
        {
            await Plain(http, "CDCServer: ErrMsg=FUNCODE does not match the signed head");
            return;
        }

        var fault = faults.Draw(CmbBank.Name, funcode, "error500", "error429", "slow", "reset", "timeoutAfterCommit");
        await FaultMiddleware.Apply(http, fault, options, async () =>
        {
            JsonObject body;
            string code = "SUC0000", message = "";
            try
            {
                body = bank.Handle(uid, funcode, envelope["request"]?["body"] as JsonObject ?? []);
            }
            catch (CmbException e)
            {
                body = [];
                code = e.Code;
                message = e.Message;
            }
            var response = new JsonObject
            {
                ["response"] = new JsonObject
                {
                    ["head"] = new JsonObject
                    {
                        ["funcode"] = funcode, ["reqid"] = head["reqid"]?.DeepClone(), ["userid"] = head["userid"]?.DeepClone(),
                        ["resultcode"] = code, ["resultmsg"] = message,
                    },
                    ["body"] = body,
                },
                ["signature"] = new JsonObject { ["sigtim"] = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture), ["sigdat"] = CmbCrypto.SigdatPlaceholder },
            };
            response["signature"]!["sigdat"] = Convert.ToBase64String(CmbCrypto.Sign(bankKey.Private, CmbCrypto.UserId(uid), CmbCrypto.Canonical(response)));
            var encrypted = CmbCrypto.Sm4(true, customer.Sm4Key, CmbCrypto.Iv(uid), Encoding.UTF8.GetBytes(response.ToJsonString()));
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(Convert.ToBase64String(encrypted));
        });
    }

    private static Task Plain(HttpContext http, string text)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(text);
    }
}
