using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BankFunctions.Banks.Resilience;
using BankFunctions.Banks.Status;

namespace BankFunctions.Banks.Adapters.Cmb;

/// <summary>
/// The CMB-style cloud direct-connect bank of BANKS.md §B. Every call is one signed, encrypted envelope to POST /cmb.
/// A reused yurref (NCB4241) is never a failure of the payment: the original is looked up with BB1PAYQR.
/// </summary>
public sealed class SimBankCmbAdapter : IBankAdapter
{
    private readonly SimBankCmbOptions _options;
    private readonly CmbCall _call;

    public SimBankCmbAdapter(HttpClient http, SimBankCmbOptions options, TimeProvider? time = null)
    {
        _options = options;
        http.BaseAddress ??= BankHttpChannel.AsBaseAddress(options.BaseUrl);
        var clock = time ?? TimeProvider.System;
        _call = new CmbCall(new BankHttpChannel(http, options.Resilience, clock), options, clock);
        Capabilities = BankCapabilities.Of(options.Capabilities);
    }

    public string BankId => _options.BankId;

    public BankCapabilities Capabilities { get; }

    public async Task<BankResult<PaymentFileAck>> SendPaymentFileAsync(SendPaymentFileRequest request, CancellationToken cancellationToken)
    {
        if (!Capabilities.Has(BankCapabilities.For(request.Kind)))
        {
            return BankResult.NotSupported<PaymentFileAck>($"{request.Kind} payment files");
        }
        if (request.Instructions.Count == 0 || (request.Kind == PaymentFileKind.Single && request.Instructions.Count != 1))
        {
            return BankResult.Failure<PaymentFileAck>(BankCallOutcome.Terminal, "InstructionCount", $"{request.Kind} needs {(request.Kind == PaymentFileKind.Single ? "exactly one" : "at least one")} instruction.");
        }
        if (request.Kind == PaymentFileKind.Payroll
            && request.Instructions.Any(i => i.DebtorAccount != request.Instructions[0].DebtorAccount || i.Currency != request.Instructions[0].Currency))
        {
            // BB6BTHHL has one debit account and currency per batch.
            return BankResult.Failure<PaymentFileAck>(BankCallOutcome.Terminal, "MixedPayrollBatch", "A payroll batch pays from one account in one currency.");
        }
        foreach (var instruction in request.Instructions)
        {
            if (CheckInstruction(instruction) is { } problem)
            {
                return BankResult.Failure<PaymentFileAck>(BankCallOutcome.Terminal, problem.Code, problem.Message);
            }
        }
        return request.Kind switch
        {
            PaymentFileKind.Single => await SendPaymentsAsync(request, "BB1PAYOP", "bb1paybmx1", "bb1payopx1", "bb1payopz1", cancellationToken).ConfigureAwait(false),
            PaymentFileKind.Batch => await SendPaymentsAsync(request, "BB1PAYBH", "bb1bmdbhx1", "bb1paybhx1", "bb1paybhz1", cancellationToken).ConfigureAwait(false),
            _ => await SendPayrollAsync(request, cancellationToken).ConfigureAwait(false),
        };
    }

    private async Task<BankResult<PaymentFileAck>> SendPaymentsAsync(
        SendPaymentFileRequest request, string funcode, string modeTable, string itemTable, string replyTable, CancellationToken cancellationToken)
    {
        var items = new JsonArray();
        foreach (var i in request.Instructions)
        {
            items.Add(new JsonObject
            {
                ["yurRef"] = i.Reference,
                ["dbtAcc"] = i.DebtorAccount,
                ["crtAcc"] = i.CreditorAccount,
                ["crtNam"] = i.CreditorName,
                ["crtBnk"] = i.CreditorBank ?? "",
                ["trsAmt"] = AmountText(i.Amount),
                ["ccyNbr"] = _options.CurrencyCodes[i.Currency],
                ["nusAge"] = i.Purpose ?? "",
                // Y = creditor account at this bank; a creditor bank name means another bank.
                ["bnkFlg"] = string.IsNullOrEmpty(i.CreditorBank) ? "Y" : "N",
            });
        }
        var body = new JsonObject
        {
            [modeTable] = new JsonArray(new JsonObject { ["busCod"] = _options.PaymentBusCod, ["busMod"] = _options.PaymentBusMod }),
            [itemTable] = items,
        };
        var reply = await _call.SendAsync(request.Connection, funcode, body, idempotent: false, cancellationToken).ConfigureAwait(false);
        if (reply.Outcome == BankCallOutcome.Duplicate)
        {
            return await DuplicateAsync(request, cancellationToken).ConfigureAwait(false);
        }
        if (reply.Outcome != BankCallOutcome.Success)
        {
            return reply.Failure<PaymentFileAck>();
        }

        var rows = CmbJson.Rows(reply.Body, replyTable).ToList();
        var acks = new List<PaymentItemAck>();
        var duplicates = new List<string>();
        for (var n = 0; n < request.Instructions.Count; n++)
        {
            var reference = request.Instructions[n].Reference;
            // Batch answers name the yurRef; a single payment's answer is its one row.
            var row = rows.FirstOrDefault(r => CmbJson.Str(r, "yurRef") == reference) ?? (request.Kind == PaymentFileKind.Single ? rows.FirstOrDefault() : null);
            var errCod = CmbJson.Str(row, "errCod");
            if (errCod == _options.DuplicateReferenceCode)
            {
                duplicates.Add(reference);
                continue;
            }
            acks.Add(new PaymentItemAck(reference, CmbJson.Str(row, "reqNbr"), row is null ? null : StatusOf(row)));
        }
        if (duplicates.Count > 0)
        {
            var originals = await LookUpAsync(request.Connection, duplicates, cancellationToken).ConfigureAwait(false);
            acks.AddRange(duplicates.Select(d => originals.TryGetValue(d, out var o)
                ? new PaymentItemAck(d, o.BankReference, o.Status, Duplicate: true)
                : new PaymentItemAck(d, null, null, Duplicate: true)));
        }
        var fileId = request.Kind == PaymentFileKind.Single ? acks.FirstOrDefault()?.BankReference : request.FileReference;
        var ack = new PaymentFileAck(fileId, acks);
        return duplicates.Count == request.Instructions.Count
            ? new BankResult<PaymentFileAck>(BankCallOutcome.Duplicate, ack, _options.DuplicateReferenceCode, "All references were already used.")
            : BankResult.Success(ack);
    }

    private async Task<BankResult<PaymentFileAck>> SendPayrollAsync(SendPaymentFileRequest request, CancellationToken cancellationToken)
    {
        // BB6BTHHL (代发): one batch reference (yurref = FileReference), one line per employee.
        var first = request.Instructions[0];
        var lines = new JsonArray();
        var seq = 0;
        foreach (var i in request.Instructions)
        {
            lines.Add(new JsonObject
            {
                ["trxseq"] = (++seq).ToString("D8", CultureInfo.InvariantCulture),
                ["yurref"] = i.Reference,
                ["accnbr"] = i.CreditorAccount,
                ["accnam"] = i.CreditorName,
                ["trsamt"] = AmountText(i.Amount),
                ["trsdsp"] = i.Purpose ?? "",
            });
        }
        var body = new JsonObject
        {
            ["bb6busmodx"] = new JsonArray(new JsonObject { ["buscod"] = _options.PayrollBusCod, ["busmod"] = _options.PayrollBusMod }),
            ["bb6cdcbhx1"] = new JsonArray(new JsonObject
            {
                ["yurref"] = request.FileReference,
                ["dbtacc"] = first.DebtorAccount,
                ["ccynbr"] = _options.CurrencyCodes[first.Currency],
                ["ttlamt"] = AmountText(request.Instructions.Sum(i => i.Amount)),
                ["ttlnum"] = request.Instructions.Count.ToString(CultureInfo.InvariantCulture),
                ["nusage"] = first.Purpose ?? "",
            }),
            ["bb6cdcdlx1"] = lines,
        };
        var reply = await _call.SendAsync(request.Connection, "BB6BTHHL", body, idempotent: false, cancellationToken).ConfigureAwait(false);
        var row = CmbJson.Rows(reply.Body, "bb6cdcbhz1").FirstOrDefault();
        var duplicate = reply.Outcome == BankCallOutcome.Duplicate || CmbJson.Str(row, "errcod") == _options.DuplicateReferenceCode;
        if (duplicate)
        {
            var original = await QueryPayrollAsync(request.Connection, request.FileReference, cancellationToken).ConfigureAwait(false);
            var items = original.Value?.Items.Select(i => new PaymentItemAck(i.Reference, i.BankReference, i.Status, Duplicate: true)).ToList() ?? [];
            return new BankResult<PaymentFileAck>(BankCallOutcome.Duplicate, new PaymentFileAck(request.FileReference, items), _options.DuplicateReferenceCode, "The payroll reference was already used.");
        }
        if (reply.Outcome != BankCallOutcome.Success)
        {
            return reply.Failure<PaymentFileAck>();
        }
        var status = row is null ? null : StatusOf(row);
        var acks = request.Instructions.Select(i => new PaymentItemAck(i.Reference, CmbJson.Str(row, "reqnbr"), status)).ToList();
        return BankResult.Success(new PaymentFileAck(request.FileReference, acks));
    }

    private async Task<BankResult<PaymentFileAck>> DuplicateAsync(SendPaymentFileRequest request, CancellationToken cancellationToken)
    {
        var references = request.Instructions.Select(i => i.Reference).ToList();
        var originals = await LookUpAsync(request.Connection, references, cancellationToken).ConfigureAwait(false);
        var acks = references.Select(r => originals.TryGetValue(r, out var o)
            ? new PaymentItemAck(r, o.BankReference, o.Status, Duplicate: true)
            : new PaymentItemAck(r, null, null, Duplicate: true)).ToList();
        return new BankResult<PaymentFileAck>(
            BankCallOutcome.Duplicate, new PaymentFileAck(acks.FirstOrDefault()?.BankReference, acks), _options.DuplicateReferenceCode, "The reference was already used.");
    }

    private async Task<Dictionary<string, PaymentItemStatus>> LookUpAsync(BankConnection connection, IReadOnlyList<string> references, CancellationToken cancellationToken)
    {
        var result = await QueryPaymentsAsync(connection, references, cancellationToken).ConfigureAwait(false);
        return result.Value?.Items.ToDictionary(i => i.Reference, StringComparer.Ordinal) ?? new Dictionary<string, PaymentItemStatus>(StringComparer.Ordinal);
    }

    public Task<BankResult<PaymentStatusReport>> QueryPaymentStatusAsync(QueryPaymentStatusRequest request, CancellationToken cancellationToken)
    {
        if (!Capabilities.Has(BankCapability.StatusQuery))
        {
            return Task.FromResult(BankResult.NotSupported<PaymentStatusReport>("Status query"));
        }
        if (request.Kind == PaymentFileKind.Payroll)
        {
            return QueryPayrollAsync(request.Connection, request.FileReference ?? request.BankFileId ?? "", cancellationToken);
        }
        return QueryPaymentsAsync(request.Connection, request.References, cancellationToken);
    }

    private async Task<BankResult<PaymentStatusReport>> QueryPaymentsAsync(BankConnection connection, IReadOnlyList<string> references, CancellationToken cancellationToken)
    {
        var keys = new JsonArray();
        foreach (var reference in references)
        {
            keys.Add(new JsonObject { ["yurRef"] = reference });
        }
        var reply = await _call.SendAsync(connection, "BB1PAYQR", new JsonObject { ["bb1payqrx1"] = keys }, idempotent: true, cancellationToken).ConfigureAwait(false);
        if (reply.Outcome != BankCallOutcome.Success)
        {
            return reply.Failure<PaymentStatusReport>();
        }
        var items = CmbJson.Rows(reply.Body, "bb1payqrz1")
            .Where(r => CmbJson.Str(r, "yurRef") is { Length: > 0 })
            .Select(r => new PaymentItemStatus(CmbJson.Str(r, "yurRef")!, StatusOf(r), CmbJson.Str(r, "reqNbr"), CmbJson.Amount(r, "trsAmt")))
            .ToList();
        return BankResult.Success(new PaymentStatusReport(items.Count > 0, null, items));
    }

    private async Task<BankResult<PaymentStatusReport>> QueryPayrollAsync(BankConnection connection, string yurref, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["bb6bpdqyx1"] = new JsonArray(new JsonObject { ["yurref"] = yurref }) };
        var reply = await _call.SendAsync(connection, "BB6BPDQY", body, idempotent: true, cancellationToken).ConfigureAwait(false);
        if (reply.Outcome != BankCallOutcome.Success)
        {
            return reply.Failure<PaymentStatusReport>();
        }
        var batch = CmbJson.Rows(reply.Body, "bb6bpdqyz1").FirstOrDefault();
        if (batch is null)
        {
            return BankResult.Success(new PaymentStatusReport(false, null, []));
        }
        var group = StatusOf(batch);
        // Lines: stscod S/F once the batch is finished; otherwise they share the batch's state.
        var lines = CmbJson.Rows(reply.Body, "bb6bpdqyz2")
            .Select(l => new PaymentItemStatus(
                CmbJson.Str(l, "yurref") ?? CmbJson.Str(l, "trxseq") ?? "",
                CmbJson.Str(l, "stscod") is { Length: > 0 } sts ? PaymentStatusMapping.FromCmb("FIN", sts, CmbJson.Str(l, "errcod"), CmbJson.Str(l, "errtxt")) : group,
                CmbJson.Str(l, "trxseq"),
                CmbJson.Amount(l, "trsamt")))
            .ToList();
        return BankResult.Success(new PaymentStatusReport(true, group, lines));
    }

    public async Task<BankResult<IReadOnlyList<AccountBalance>>> GetBalancesAsync(GetBalancesRequest request, CancellationToken cancellationToken)
    {
        if (!Capabilities.Has(BankCapability.Balances))
        {
            return BankResult.NotSupported<IReadOnlyList<AccountBalance>>("Balances");
        }
        var accounts = new JsonArray();
        foreach (var account in request.Accounts)
        {
            accounts.Add(new JsonObject { ["accnbr"] = account });
        }
        var reply = await _call.SendAsync(request.Connection, "NTQACINF", new JsonObject { ["ntqacinfx"] = accounts }, idempotent: true, cancellationToken).ConfigureAwait(false);
        if (reply.Outcome != BankCallOutcome.Success)
        {
            return reply.Failure<IReadOnlyList<AccountBalance>>();
        }
        var balances = new List<AccountBalance>();
        foreach (var row in CmbJson.Rows(reply.Body, "ntqacinfz"))
        {
            var bankCurrency = CmbJson.Str(row, "ccynbr") ?? "";
            var currency = _options.CurrencyCodes.FirstOrDefault(c => c.Value == bankCurrency).Key;
            if (currency is null || CmbJson.Amount(row, "accblv") is not { } booked || CmbJson.Amount(row, "avlblv") is not { } available)
            {
                return BankResult.Failure<IReadOnlyList<AccountBalance>>(BankCallOutcome.Terminal, "UnreadableBalance",
                    $"Balance row for {CmbJson.Str(row, "accnbr")} has currency '{bankCurrency}' or amounts that cannot be read.");
            }
            balances.Add(new AccountBalance(CmbJson.Str(row, "accnbr") ?? "", currency, booked, available, CmbJson.Amount(row, "hldblv"), CmbJson.Str(row, "accnam")));
        }
        return BankResult.Success<IReadOnlyList<AccountBalance>>(balances);
    }

    public async Task<BankResult<StatementChunk>> FetchStatementsAsync(FetchStatementsRequest request, CancellationToken cancellationToken)
    {
        if (!Capabilities.Has(BankCapability.Statements))
        {
            return BankResult.NotSupported<StatementChunk>("Statements");
        }
        // DCTRSINF pages with a continuation key: the cursor is that key, the adapter keeps nothing.
        var body = new JsonObject
        {
            ["sdktsinfx"] = new JsonArray(new JsonObject
            {
                ["accnbr"] = request.Account,
                ["bgndat"] = request.From.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                ["enddat"] = request.To.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            }),
        };
        if (!string.IsNullOrEmpty(request.Cursor))
        {
            body["ntqacctny"] = new JsonArray(new JsonObject { ["ctnkey"] = request.Cursor });
        }
        var reply = await _call.SendAsync(request.Connection, "DCTRSINF", body, idempotent: true, cancellationToken).ConfigureAwait(false);
        if (reply.Outcome != BankCallOutcome.Success)
        {
            return reply.Failure<StatementChunk>();
        }
        var next = CmbJson.Str(CmbJson.Rows(reply.Body, "ntqacctnz").FirstOrDefault(), "ctnkey");
        var content = Encoding.UTF8.GetBytes(reply.Body?.ToJsonString() ?? "{}");
        return BankResult.Success(new StatementChunk(content, "cmb.dctrsinf", string.IsNullOrEmpty(next) ? null : next, !string.IsNullOrEmpty(next)));
    }

    public async Task<BankResult<Receipt>> GetReceiptAsync(GetReceiptRequest request, CancellationToken cancellationToken)
    {
        if (!Capabilities.Has(BankCapability.EReceipts))
        {
            return BankResult.NotSupported<Receipt>("E-receipts");
        }
        var body = new JsonObject
        {
            ["dcsigrecx"] = new JsonArray(new JsonObject
            {
                ["accnbr"] = request.Account,
                ["trsdat"] = request.BookingDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                ["refnbr"] = request.TransactionReference,
            }),
        };
        var reply = await _call.SendAsync(request.Connection, "DCSIGREC", body, idempotent: true, cancellationToken).ConfigureAwait(false);
        if (reply.Outcome != BankCallOutcome.Success)
        {
            return reply.Failure<Receipt>();
        }
        var file = CmbJson.Str(CmbJson.Rows(reply.Body, "dcsigrecz").FirstOrDefault(), "fildat");
        if (string.IsNullOrEmpty(file))
        {
            return BankResult.Failure<Receipt>(BankCallOutcome.Terminal, "NoReceipt", "The bank returned no receipt file.");
        }
        return BankResult.Success(new Receipt(Convert.FromBase64String(file), "application/pdf"));
    }

    private static BankPaymentStatus StatusOf(JsonNode row) =>
        PaymentStatusMapping.FromCmb(CmbJson.Str(row, "reqSts") ?? "", CmbJson.Str(row, "rtnFlg"), CmbJson.Str(row, "errCod"), CmbJson.Str(row, "errTxt"));

    /// <summary>trsAmt is a string with exactly 2 decimals (BANKS.md §B). More decimals would need rounding, which money never gets silently.</summary>
    private static string AmountText(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private (string Code, string Message)? CheckInstruction(PaymentInstruction i)
    {
        if (i.Amount <= 0 || decimal.Round(i.Amount, 2) != i.Amount)
        {
            return ("InvalidAmount", $"{i.Reference}: amount {i.Amount} must be positive with at most 2 decimals.");
        }
        if (!_options.CurrencyCodes.ContainsKey(i.Currency))
        {
            return ("UnsupportedCurrency", $"{i.Reference}: currency {i.Currency} is not offered by {_options.BankId}.");
        }
        if (string.IsNullOrEmpty(i.Reference) || i.Reference.Length > 30)
        {
            return ("InvalidReference", $"yurref '{i.Reference}' must be 1-30 characters.");
        }
        return null;
    }
}
