using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using BankFunctions.Banks.Adapters.Cmb;
using BankFunctions.Banks.Signing;
using BankFunctions.Banks.Signing.Sm2;
using BankFunctions.Banks.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Banks.Tests.Adapters;

/// <summary>
/// Plays the CMB side of BANKS.md §B for adapter tests: decrypts DATA, verifies the customer's SM2 signature, answers
/// from a tiny ledger keyed by yurref, and signs + encrypts the reply with the bank's key.
/// </summary>
public sealed class InTestCmbBank : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private readonly string _uid;
    private readonly byte[] _sm4Key;
    private readonly string _customerPublicKeyPem;

    public InTestCmbBank(string uid, byte[] sm4Key, string customerPublicKeyPem, ISigner bankSigner)
    {
        _uid = uid;
        _sm4Key = sm4Key;
        _customerPublicKeyPem = customerPublicKeyPem;
        BankSigner = bankSigner;
        _server = new LoopbackServer(app => app.MapPost("/cmb", (HttpRequest r) => Handle(r)));
    }

    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>Signs the replies; a test swaps it to simulate a forged answer.</summary>
    public ISigner BankSigner { get; set; }

    public ConcurrentQueue<string> Funcodes { get; } = new();

    public ConcurrentQueue<string> RawData { get; } = new();

    public ConcurrentQueue<JsonObject> Bodies { get; } = new();

    /// <summary>yurref → (reqNbr, reqSts, rtnFlg).</summary>
    public ConcurrentDictionary<string, (string ReqNbr, string ReqSts, string RtnFlg)> Ledger { get; } = new();

    /// <summary>Payroll batch yurRef → its lines' yurRefs.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<string>> PayrollLines { get; } = new();

    /// <summary>When true, a reused yurref of a single payment is refused in head.resultcode instead of the row's errCod.</summary>
    public bool DuplicateInHead { get; set; }

    private async Task<IResult> Handle(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var funcode = form["FUNCODE"].ToString();
        Funcodes.Enqueue(funcode);
        RawData.Enqueue(form["DATA"].ToString());
        if (form["UID"] != _uid || form["ALG"] != "SM")
        {
            return Results.Text("CDCServer: ErrMsg=unknown UID");
        }
        var envelope = CmbEnvelope.TryOpen(form["DATA"].ToString(), _sm4Key, _uid);
        if (envelope is null || !CmbEnvelope.Verify(envelope, Sm2Crypto.ReadPublicKeyPem(_customerPublicKeyPem), _uid))
        {
            return Results.Text("CDCServer: ErrMsg=验签失败 signature verification failed");
        }
        var body = (JsonObject)envelope["request"]!["body"]!;
        Bodies.Enqueue(body);
        var (code, reply) = Answer(funcode, body);
        var response = new JsonObject
        {
            ["response"] = new JsonObject
            {
                ["head"] = new JsonObject { ["funcode"] = funcode, ["reqid"] = envelope["request"]!["head"]!["reqid"]!.GetValue<string>(), ["resultcode"] = code, ["resultmsg"] = code == "SUC0000" ? "" : "业务参考号重复" },
                ["body"] = reply,
            },
        };
        await CmbEnvelope.SignAsync(response, BankSigner, DateTimeOffset.UtcNow, null, CancellationToken.None);
        return Results.Text(CmbEnvelope.Seal(response, _sm4Key, _uid));
    }

    /// <summary>The refnbr a DCSIGREC asks for; "K-LATER" is a transaction the bank does not know yet (CSRC001).</summary>
    private static string? ReceiptReference(JsonObject body)
    {
        var items = body["dcsigrecx1"] as JsonArray;
        return items is { Count: > 0 } ? items[0]!["refnbr"]?.GetValue<string>() : null;
    }

    private (string Code, JsonObject Body) Answer(string funcode, JsonObject body)
    {
        switch (funcode)
        {
            case "BB1PAYOP" or "BB1PAYBH":
            {
                var table = funcode == "BB1PAYOP" ? "bb1payopx1" : "bb1paybhx1";
                var rows = new JsonArray();
                foreach (var item in body[table]!.AsArray())
                {
                    var yurRef = item!["yurRef"]!.GetValue<string>();
                    if (!Ledger.TryAdd(yurRef, ("R" + (Ledger.Count + 1).ToString("D6"), "NTE", "")))
                    {
                        if (DuplicateInHead && funcode == "BB1PAYOP")
                        {
                            return ("NCB4241", new JsonObject());
                        }
                        rows.Add(new JsonObject { ["yurRef"] = yurRef, ["reqNbr"] = "", ["reqSts"] = "FIN", ["rtnFlg"] = "F", ["errCod"] = "NCB4241", ["errTxt"] = "业务参考号重复" });
                        continue;
                    }
                    var entry = Ledger[yurRef];
                    rows.Add(new JsonObject { ["yurRef"] = yurRef, ["reqNbr"] = entry.ReqNbr, ["reqSts"] = entry.ReqSts, ["rtnFlg"] = entry.RtnFlg, ["errCod"] = "", ["errTxt"] = "" });
                }
                return ("SUC0000", new JsonObject { [funcode == "BB1PAYOP" ? "bb1payopz1" : "bb1paybhz1"] = rows });
            }
            case "BB1PAYQR":
            {
                var rows = new JsonArray();
                foreach (var key in body["bb1payqrx1"]!.AsArray())
                {
                    var yurRef = key!["yurRef"]!.GetValue<string>();
                    if (Ledger.TryGetValue(yurRef, out var e))
                    {
                        rows.Add(new JsonObject { ["yurRef"] = yurRef, ["reqNbr"] = e.ReqNbr, ["reqSts"] = e.ReqSts, ["rtnFlg"] = e.RtnFlg, ["errCod"] = "", ["errTxt"] = "", ["trsAmt"] = "1234.50" });
                    }
                }
                return ("SUC0000", new JsonObject { ["bb1payqrz1"] = rows });
            }
            case "BB6BTHHL":
            {
                // BankSim's payroll shape: one yurRef for the batch, one per line; answered per line.
                var batch = body["bb6bthhlx1"]![0]!["yurRef"]!.GetValue<string>();
                var rows = new JsonArray();
                foreach (var line in body["bb6bthhlx2"]!.AsArray())
                {
                    var yurRef = line!["yurRef"]!.GetValue<string>();
                    var isNew = Ledger.TryAdd(yurRef, ("P" + (Ledger.Count + 1).ToString("D6"), "OPR", ""));
                    if (isNew)
                    {
                        PayrollLines.GetOrAdd(batch, _ => new ConcurrentQueue<string>()).Enqueue(yurRef);
                    }
                    rows.Add(isNew
                        ? new JsonObject { ["yurRef"] = yurRef, ["reqNbr"] = Ledger[yurRef].ReqNbr, ["reqSts"] = "OPR", ["rtnFlg"] = "" }
                        : new JsonObject { ["yurRef"] = yurRef, ["reqNbr"] = "", ["reqSts"] = "FIN", ["rtnFlg"] = "F", ["errCod"] = "NCB4241" });
                }
                return ("SUC0000", new JsonObject { ["bb6bthhlz1"] = rows });
            }
            case "BB6BPDQY":
            {
                var batch = body["bb6bpdqyx1"]![0]!["yurRef"]!.GetValue<string>();
                var rows = new JsonArray();
                foreach (var yurRef in PayrollLines.GetValueOrDefault(batch) ?? new ConcurrentQueue<string>())
                {
                    // The second line of every batch fails at the bank (closed account), the others succeed.
                    var failed = rows.Count == 1;
                    rows.Add(new JsonObject
                    {
                        ["yurRef"] = yurRef, ["batRef"] = batch, ["reqNbr"] = Ledger[yurRef].ReqNbr, ["reqSts"] = "FIN", ["rtnFlg"] = failed ? "F" : "S",
                        ["errTxt"] = failed ? "账户已销户" : "", ["trsAmt"] = "8000.00",
                    });
                }
                return ("SUC0000", new JsonObject { ["bb6bpdqyz1"] = rows });
            }
            case "NTQACINF":
                return ("SUC0000", new JsonObject
                {
                    ["ntqacinfz"] = new JsonArray(new JsonObject
                    {
                        ["accnbr"] = body["ntqacinfx"]![0]!["accnbr"]!.GetValue<string>(), ["accnam"] = "测试企业", ["ccynbr"] = "10",
                        ["accblv"] = "1000000.25", ["avlblv"] = "999000.25", ["hldblv"] = "1000.00", ["stscod"] = "A",
                    }),
                });
            case "DCTRSINF":
            {
                var page = body["ntqacctny"]?[0]?["ctnkey"]?.GetValue<string>();
                var reply = new JsonObject
                {
                    ["ntqtsinfz"] = new JsonArray(new JsonObject { ["trsdat"] = "20261120", ["refnbr"] = page ?? "FIRST", ["trsamt"] = "-10.00", ["amtcdr"] = "D" }),
                };
                if (page is null)
                {
                    reply["ntqacctnz"] = new JsonArray(new JsonObject { ["ctnkey"] = "PAGE2" });
                }
                return ("SUC0000", reply);
            }
            case "DCSIGREC" when ReceiptReference(body) == "K-LATER":
                return ("CSRC001", new JsonObject());
            case "DCSIGREC":
                return ("SUC0000", new JsonObject { ["dcsigrecz1"] = new JsonArray(new JsonObject { ["fildat"] = Convert.ToBase64String("%PDF-1.4 receipt"u8.ToArray()) }) });
            default:
                return ("CSAC999", new JsonObject());
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
