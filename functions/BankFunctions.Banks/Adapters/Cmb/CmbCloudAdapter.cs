using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BankFunctions.Banks.Resilience;

namespace BankFunctions.Banks.Adapters.Cmb;

/// <summary>
/// The CMB-style cloud direct-connect bank of BANKS.md §B. Every call is one signed, encrypted envelope to POST /cmb.
/// Payments are <see cref="CmbPaymentFiles"/>; balances (NTQACINF), details (DCTRSINF) and e-receipts (DCSIGREC) here.
/// </summary>
public sealed class CmbCloudAdapter : IBankAdapter
{
    private readonly CmbCloudOptions _options;
    private readonly CmbCall _call;
    private readonly CmbPaymentFiles _payments;

    public CmbCloudAdapter(HttpClient http, CmbCloudOptions options, TimeProvider? time = null)
        : this(new BankHttpChannel(Based(http, options.BaseUrl), options.Resilience, time ?? TimeProvider.System), options, time)
    {
    }

    /// <param name="channel">The bank's channel; share one per bank so that its circuit breaker sees every call to it.</param>
    public CmbCloudAdapter(BankHttpChannel channel, CmbCloudOptions options, TimeProvider? time = null)
    {
        _options = options;
        var clock = time ?? TimeProvider.System;
        _call = new CmbCall(channel, options, clock);
        Capabilities = BankCapabilities.Of(options.Capabilities);
        _payments = new CmbPaymentFiles(_call, options, Capabilities);
    }

    private static HttpClient Based(HttpClient http, Uri baseUrl)
    {
        http.BaseAddress ??= BankHttpChannel.AsBaseAddress(baseUrl);
        return http;
    }

    public string BankId => _options.BankId;

    public BankCapabilities Capabilities { get; }

    /// <summary>Builds the BB1PAYOP/BB1PAYBH/BB6BTHHL envelope and SM2-signs it once (reqid = our file id).</summary>
    public Task<BankResult<PreparedPaymentFile>> PreparePaymentFileAsync(PaymentFile file, CancellationToken cancellationToken) =>
        _payments.PrepareAsync(file, cancellationToken);

    public async Task<SendOutcome> SendPaymentFileAsync(PaymentFile file, PreparedPaymentFile prepared, CancellationToken cancellationToken) =>
        PaymentOutcomes.Send(await _payments.SendAsync(file, prepared, cancellationToken).ConfigureAwait(false));

    public async Task<StatusOutcome> QueryPaymentStatusAsync(PaymentFile file, CancellationToken cancellationToken) =>
        PaymentOutcomes.Status(await QueryAsync(file, cancellationToken).ConfigureAwait(false), file);

    /// <summary>What the bank answers about the file's payments, as read (BB1PAYQR / BB6BPDQY).</summary>
    internal Task<BankResult<PaymentStatusReport>> QueryAsync(PaymentFile file, CancellationToken cancellationToken) =>
        Capabilities.Has(BankCapability.StatusQuery)
            ? _payments.QueryAsync(file, cancellationToken)
            : Task.FromResult(BankResult.NotSupported<PaymentStatusReport>("Status query"));

    /// <summary>The answer to a send of the prepared envelope, as read.</summary>
    internal Task<BankResult<PaymentFileAck>> SendFileAsync(PaymentFile file, PreparedPaymentFile prepared, CancellationToken cancellationToken) =>
        _payments.SendAsync(file, prepared, cancellationToken);

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
        // DCTRSINF pages with a continuation key; where a pull starts and what it stores is CmbStatementCursor's.
        var (from, key) = CmbStatementCursor.Start(request);
        var body = new JsonObject
        {
            ["sdktsinfx"] = new JsonArray(new JsonObject
            {
                ["accnbr"] = request.Account,
                ["bgndat"] = from.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                ["enddat"] = request.To.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            }),
        };
        if (!string.IsNullOrEmpty(key))
        {
            body["ntqacctny"] = new JsonArray(new JsonObject { ["ctnkey"] = key });
        }
        var reply = await _call.SendAsync(request.Connection, "DCTRSINF", body, idempotent: true, cancellationToken).ConfigureAwait(false);
        if (reply.Outcome != BankCallOutcome.Success)
        {
            return reply.Failure<StatementChunk>();
        }
        var next = CmbJson.Str(CmbJson.Rows(reply.Body, "ntqacctnz").FirstOrDefault(), "ctnkey");
        var nextKey = string.IsNullOrEmpty(next) ? null : next;
        var content = Encoding.UTF8.GetBytes(reply.Body?.ToJsonString() ?? "{}");
        return BankResult.Success(new StatementChunk(content, "cmb.dctrsinf", CmbStatementCursor.Next(request, from, key, nextKey), nextKey is not null, nextKey));
    }

    /// <summary>The error code of a receipt the bank has not got yet (retried later, not a failure).</summary>
    public const string ReceiptNotReady = "ReceiptNotReady";

    /// <summary>DCSIGREC (BANKS.md §B): the receipt PDF of one transaction, base64 in <c>fildat</c>; the envelope's signature is verified by <see cref="CmbCall"/>.</summary>
    public async Task<BankResult<Receipt>> GetReceiptAsync(GetReceiptRequest request, CancellationToken cancellationToken)
    {
        if (!Capabilities.Has(BankCapability.EReceipts))
        {
            return BankResult.NotSupported<Receipt>("E-receipts");
        }
        var body = new JsonObject
        {
            ["dcsigrecx1"] = new JsonArray(new JsonObject
            {
                ["accnbr"] = request.Account,
                ["trsdat"] = request.BookingDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                ["refnbr"] = request.TransactionReference,
            }),
        };
        var reply = await _call.SendAsync(request.Connection, "DCSIGREC", body, idempotent: true, cancellationToken).ConfigureAwait(false);
        if (reply.Outcome == BankCallOutcome.Terminal && reply.ResultCode == _options.ReceiptNotReadyCode)
        {
            // The bank has no such transaction (yet): a receipt follows the booking, so ask again later.
            return BankResult.Failure<Receipt>(BankCallOutcome.Retryable, ReceiptNotReady, reply.ResultMessage);
        }
        if (reply.Outcome != BankCallOutcome.Success)
        {
            return reply.Failure<Receipt>();
        }
        var file = CmbJson.Str(CmbJson.Rows(reply.Body, "dcsigrecz1").FirstOrDefault(), "fildat");
        if (string.IsNullOrEmpty(file))
        {
            return BankResult.Failure<Receipt>(BankCallOutcome.Terminal, "NoReceipt", "The bank returned no receipt file.");
        }
        return CmbReceipt.Read(file, reply.Signature);
    }
}
