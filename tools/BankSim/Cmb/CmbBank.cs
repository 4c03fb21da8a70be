using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using BankSim.Sim;

namespace BankSim.Cmb;

/// <summary>
/// The CMB-style bank's business logic (BANKS.md §B): accounts and balances, transaction details, single / batch /
/// payroll payments with a unique yurref each (reuse → NCB4241, never executed twice), asynchronous reqSts/rtnFlg, the
/// customer's bank-side approver behaviour (approve, veto → R, expire → D), bounces (B) and e-receipts.
/// </summary>
public sealed class CmbBank(Ledger ledger, Customers customers, SimOptions options, Faults faults, TimeProvider clock)
{
    public const string Name = "simbank-cmb";
    private const int PageSize = 50;

    private readonly ConcurrentDictionary<(string Uid, string YurRef), CmbPayment> _payments = new();
    private long _sequence;

    public void Reset() => _payments.Clear();

    public JsonObject Handle(string uid, string funcode, JsonObject body) => funcode switch
    {
        "NTQACINF" => AccountInfo(uid, body),
        "DCTRSINF" => Transactions(uid, body),
        "BB1PAYOP" => Pay(uid, body, "bb1payopx1", "bb1payopz1", batchRef: null),
        "BB1PAYBH" => Pay(uid, body, "bb1paybhx1", "bb1paybhz1", batchRef: null),
        "BB6BTHHL" => Payroll(uid, body),
        "BB1PAYQR" => Query(uid, body),
        "BB6BPDQY" => PayrollQuery(uid, body),
        "DCSIGREC" => Receipt(uid, body),
        _ => throw new CmbException("FUNCODE", $"Unknown FUNCODE {funcode}"),
    };

    private JsonObject AccountInfo(string uid, JsonObject body)
    {
        var result = new JsonArray();
        foreach (var item in Array(body, "ntqacinfx"))
        {
            var number = Text(item, "accnbr");
            var account = Owned(uid, number);
            result.Add(new JsonObject
            {
                ["accnbr"] = account.Number, ["accnam"] = account.Name, ["ccynbr"] = CurrencyCode(account.Currency),
                ["accblv"] = Money(account.Balance), ["avlblv"] = Money(account.Balance), ["hldblv"] = "0.00", ["stscod"] = "A",
            });
        }
        return new JsonObject { ["ntqacinfz"] = result };
    }

    private JsonObject Transactions(string uid, JsonObject body)
    {
        Advance();
        var query = Array(body, "sdktsinfx").FirstOrDefault() ?? throw new CmbException("BODY", "sdktsinfx is required");
        var account = Owned(uid, Text(query, "accnbr"));
        var from = DateOnly.ParseExact(Text(query, "bgndat"), "yyyyMMdd", CultureInfo.InvariantCulture);
        var to = DateOnly.ParseExact(Text(query, "enddat"), "yyyyMMdd", CultureInfo.InvariantCulture);
        var offset = body["ntqacctny"] is JsonArray { Count: > 0 } c && int.TryParse(c[0]?["ctnkey"]?.GetValue<string>(), out var o) ? o : 0;
        List<(Booking Booking, decimal BalanceAfter)> rows;
        lock (ledger.Sync)
        {
            var running = account.OpeningBalance;
            rows = account.Bookings.Select(b => (b, running += b.Amount)).Where(r => r.b.BookingDate >= from && r.b.BookingDate <= to).ToList();
        }
        var page = rows.Skip(offset).Take(PageSize).ToList();
        var entries = new JsonArray();
        foreach (var (b, balance) in page)
        {
            var d = b.Details[0];
            entries.Add(new JsonObject
            {
                ["trsdat"] = b.BookingDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                ["trstim"] = BankDays.Local(Name, b.BookedAt).ToString("HHmmss", CultureInfo.InvariantCulture),
                ["refnbr"] = b.AcctSvcrRef,
                ["yurref"] = b.Details.Count == 1 ? d.ClientReference ?? "" : "",
                ["trsamt"] = Money(b.Amount),
                ["amtcdr"] = b.Amount < 0 ? "D" : "C",
                ["rpyacc"] = b.Details.Count == 1 ? d.CounterpartyAccount : "",
                ["rpynam"] = b.Details.Count == 1 ? d.CounterpartyName : "代发工资",
                ["rpybnk"] = b.Details.Count == 1 ? d.CounterpartyBank ?? "" : "",
                ["naryur"] = b.IsReturn ? $"退票 {d.ReturnReason}" : d.Remittance ?? "",
                ["blvamt"] = Money(balance),
            });
        }
        var result = new JsonObject { ["ntqtsinfz"] = entries };
        if (offset + PageSize < rows.Count)
        {
            result["ntqacctnz"] = new JsonArray(new JsonObject { ["ctnkey"] = (offset + PageSize).ToString(CultureInfo.InvariantCulture) });
        }
        return result;
    }

    private JsonObject Pay(string uid, JsonObject body, string inName, string outName, string? batchRef)
    {
        var results = new JsonArray();
        foreach (var item in Array(body, inName))
        {
            results.Add(Accept(uid, Text(item, "yurRef"), Text(item, "dbtAcc"), Text(item, "crtAcc"), Text(item, "crtNam"),
                item["crtBnk"]?.GetValue<string>(), ParseAmount(Text(item, "trsAmt")), item["ccyNbr"]?.GetValue<string>() ?? "10",
                item["nusAge"]?.GetValue<string>(), batchRef));
        }
        return new JsonObject { [outName] = results };
    }

    /// <summary>
    /// 代发 (payroll): <c>{"bb6bthhlx1":[{"yurRef","dbtAcc","ccyNbr","ttlAmt","ttlCnt","nusAge"}],
    /// "bb6bthhlx2":[{"yurRef","accNbr","accNam","trsAmt","trsDsp"}]}</c>; each line has its own yurref.
    /// </summary>
    private JsonObject Payroll(string uid, JsonObject body)
    {
        var header = Array(body, "bb6bthhlx1").FirstOrDefault() ?? throw new CmbException("BODY", "bb6bthhlx1 is required");
        var lines = Array(body, "bb6bthhlx2").ToList();
        var total = lines.Sum(l => ParseAmount(Text(l, "trsAmt")));
        if (ParseAmount(Text(header, "ttlAmt")) != total || int.Parse(Text(header, "ttlCnt"), CultureInfo.InvariantCulture) != lines.Count)
        {
            throw new CmbException("CSBT001", "ttlAmt/ttlCnt do not match the lines");
        }
        var batchRef = Text(header, "yurRef");
        var results = new JsonArray();
        foreach (var line in lines)
        {
            results.Add(Accept(uid, Text(line, "yurRef"), Text(header, "dbtAcc"), Text(line, "accNbr"), Text(line, "accNam"), null,
                ParseAmount(Text(line, "trsAmt")), header["ccyNbr"]?.GetValue<string>() ?? "10", line["trsDsp"]?.GetValue<string>() ?? header["nusAge"]?.GetValue<string>(), batchRef));
        }
        return new JsonObject { ["bb6bthhlz1"] = results };
    }

    private JsonObject Accept(string uid, string yurRef, string debtor, string creditor, string creditorName, string? creditorBank, decimal amount,
        string currencyCode, string? purpose, string? batchRef)
    {
        Owned(uid, debtor);
        var payment = new CmbPayment(yurRef, $"R{Interlocked.Increment(ref _sequence):D10}", uid, debtor, creditor, creditorName, creditorBank, amount,
            currencyCode == "10" ? "CNY" : currencyCode, purpose, batchRef, clock.GetUtcNow());
        if (!_payments.TryAdd((uid, yurRef), payment))
        {
            // 业务参考号重复: refused, never executed twice.
            return new JsonObject { ["yurRef"] = yurRef, ["reqNbr"] = "", ["reqSts"] = "FIN", ["rtnFlg"] = "F", ["errCod"] = "NCB4241", ["errTxt"] = "业务参考号重复" };
        }
        ledger.Track(Name, yurRef, debtor, amount, payment.Currency);
        return Status(payment);
    }

    private JsonObject Query(string uid, JsonObject body)
    {
        Advance();
        var results = new JsonArray();
        foreach (var item in Array(body, "bb1payqrx1"))
        {
            if (_payments.TryGetValue((uid, Text(item, "yurRef")), out var payment))
            {
                var status = Status(payment);
                status["trsAmt"] = Money(payment.Amount);
                results.Add(status);
            }
        }
        return new JsonObject { ["bb1payqrz1"] = results };
    }

    private JsonObject PayrollQuery(string uid, JsonObject body)
    {
        Advance();
        var results = new JsonArray();
        foreach (var item in Array(body, "bb6bpdqyx1"))
        {
            var batchRef = Text(item, "yurRef");
            foreach (var line in _payments.Values.Where(p => p.Uid == uid && p.BatchRef == batchRef).OrderBy(p => p.ReqNbr, StringComparer.Ordinal))
            {
                var status = Status(line);
                status["trsAmt"] = Money(line.Amount);
                status["batRef"] = batchRef;
                results.Add(status);
            }
        }
        return new JsonObject { ["bb6bpdqyz1"] = results };
    }

    private JsonObject Receipt(string uid, JsonObject body)
    {
        var results = new JsonArray();
        foreach (var item in Array(body, "dcsigrecx1"))
        {
            var account = Owned(uid, Text(item, "accnbr"));
            var reference = Text(item, "refnbr");
            Booking? booking;
            lock (ledger.Sync)
            {
                booking = account.Bookings.FirstOrDefault(b => b.AcctSvcrRef == reference);
            }
            if (booking is null)
            {
                throw new CmbException("CSRC001", $"No transaction {reference} on {account.Number}");
            }
            results.Add(new JsonObject { ["refnbr"] = reference, ["fildat"] = Convert.ToBase64String(ReceiptPdf.Create(account, booking)) });
        }
        return new JsonObject { ["dcsigrecz1"] = results };
    }

    /// <summary>Moves every payment along its timeline; executes against the ledger at most once.</summary>
    public void Advance()
    {
        var now = clock.GetUtcNow();
        lock (ledger.Sync)
        {
            foreach (var p in _payments.Values.OrderBy(p => p.ReqNbr, StringComparer.Ordinal))
            {
                var elapsed = now - p.ReceivedAt;
                if (p.ReqSts == "NTE" && elapsed >= options.AcceptAfter)
                {
                    var behaviour = customers.Cmb(p.Uid)?.Behaviour ?? "approve";
                    if (behaviour == "veto")
                    {
                        Finish(p, "R", "", "经办被否决");
                        continue;
                    }
                    if (behaviour == "expire")
                    {
                        Finish(p, "D", "", "审批过期");
                        continue;
                    }
                    p.ReqSts = "BNK";
                }
                if (p.ReqSts == "BNK" && elapsed >= options.ExecuteAfter)
                {
                    var detail = new TxDetail(p.Amount, null, p.YurRef, null, null, p.CreditorName, p.Creditor, p.CreditorBank, p.Purpose);
                    switch (ledger.Execute(Name, p.Debtor, p.Currency, [(p.YurRef, detail)], batchBooking: false))
                    {
                        case ExecutionResult.Executed:
                            Finish(p, "S", "", "");
                            if (faults.Draw(Name, "BOUNCE", "bounce") is not null || faults.Draw(Name, "*", "bounce") is not null)
                            {
                                p.BounceAt = now + options.BounceAfter;
                            }
                            break;
                        case ExecutionResult.InsufficientFunds:
                            Finish(p, "F", "CSAC071", "余额不足");
                            break;
                        default:
                            Finish(p, "F", "CSAC001", "账户状态异常");
                            break;
                    }
                }
                if (p.BounceAt is { } at && at <= now && p.RtnFlg == "S")
                {
                    ledger.Return(Name, p.YurRef, "退票");
                    p.RtnFlg = "B";
                    p.ErrTxt = "退票";
                    p.BounceAt = null;
                }
            }
        }
    }

    private void Finish(CmbPayment p, string flag, string code, string text)
    {
        p.ReqSts = "FIN";
        p.RtnFlg = flag;
        p.ErrCod = code;
        p.ErrTxt = text;
        var record = ledger.Execution(Name, p.YurRef);
        if (record is not null && flag is not "S")
        {
            record.Status = flag switch { "R" => "vetoed", "D" => "expired", _ => "rejected" };
        }
    }

    private static JsonObject Status(CmbPayment p) => new()
    {
        ["yurRef"] = p.YurRef, ["reqNbr"] = p.ReqNbr, ["reqSts"] = p.ReqSts, ["rtnFlg"] = p.RtnFlg, ["errCod"] = p.ErrCod, ["errTxt"] = p.ErrTxt,
    };

    private SimAccount Owned(string uid, string number)
    {
        if (!customers.Owns(uid, number) || ledger.Find(Name, number) is not { } account)
        {
            throw new CmbException("CSAC002", $"Account {number} does not belong to this customer");
        }
        return account;
    }

    private static IEnumerable<JsonObject> Array(JsonObject body, string name) =>
        body[name] is JsonArray array ? array.OfType<JsonObject>() : throw new CmbException("BODY", $"{name} is required");

    private static string Text(JsonObject item, string name) =>
        item[name]?.GetValue<string>() is { Length: > 0 } value ? value : throw new CmbException("BODY", $"{name} is required");

    private static decimal ParseAmount(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0 || dot < 0 || text.Length - dot - 1 != 2)
        {
            throw new CmbException("CSTA001", $"trsAmt '{text}' must be a positive amount with 2 decimals");
        }
        return value;
    }

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string CurrencyCode(string currency) => currency == "CNY" ? "10" : currency;
}

/// <summary>A business error answered in the response head (resultcode/resultmsg).</summary>
public sealed class CmbException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
