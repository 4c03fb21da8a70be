using System.Globalization;
using System.Text.Json;
using System.Xml;
using BankFunctions.Banks.Resilience;

namespace BankFunctions.Banks.Adapters.Iso;

/// <summary>The ISO 20022-over-HTTPS bank of BANKS.md §A: signed pain.001 upload, pain.002 status, camt/MT940 pulls.</summary>
public sealed class Iso20022Adapter : IBankAdapter
{
    private readonly Iso20022Options _options;
    private readonly BankHttpChannel _channel;
    private readonly TimeProvider _time;

    public Iso20022Adapter(HttpClient http, Iso20022Options options, TimeProvider? time = null)
        : this(new BankHttpChannel(Based(http, options.BaseUrl), options.Resilience, time ?? TimeProvider.System), options, time)
    {
    }

    /// <param name="channel">The bank's channel; share one per bank (all feeds, payments) so that its circuit breaker sees every call to it.</param>
    public Iso20022Adapter(BankHttpChannel channel, Iso20022Options options, TimeProvider? time = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        _channel = channel;
        Capabilities = BankCapabilities.Of(options.Capabilities);
    }

    private static HttpClient Based(HttpClient http, Uri baseUrl)
    {
        http.BaseAddress ??= BankHttpChannel.AsBaseAddress(baseUrl);
        return http;
    }

    public string BankId => _options.BankId;

    public BankCapabilities Capabilities { get; }

    private string Path(string relative) => _options.PathPrefix.Trim('/') + "/" + relative;

    /// <summary>Builds the file's pain.001 and signs it once (BANKS.md §A: over the exact body bytes); the caller stores and later sends it.</summary>
    public async Task<BankResult<PreparedPaymentFile>> PreparePaymentFileAsync(PaymentFile file, CancellationToken cancellationToken)
    {
        if (!Capabilities.Has(BankCapabilities.For(file.Kind)))
        {
            return BankResult.NotSupported<PreparedPaymentFile>($"{file.Kind} payment files");
        }
        var document = Pain001Builder.Build(file);
        var signer = file.Connection.Signer ?? throw new InvalidOperationException("No signer for the ISO payment file.");
        var signature = await signer.SignAsync(document, cancellationToken).ConfigureAwait(false);
        return BankResult.Success(new PreparedPaymentFile(document, "application/xml", signature));
    }

    public async Task<SendOutcome> SendPaymentFileAsync(PaymentFile file, PreparedPaymentFile prepared, CancellationToken cancellationToken) =>
        PaymentOutcomes.Send(await SendFileAsync(file, prepared, cancellationToken).ConfigureAwait(false));

    public async Task<StatusOutcome> QueryPaymentStatusAsync(PaymentFile file, CancellationToken cancellationToken) =>
        PaymentOutcomes.Status(await QueryAsync(file.Connection, null, file.FileReference, [], cancellationToken).ConfigureAwait(false), file);

    /// <summary>Sends the prepared pain.001 as it is, with its detached signature, and reads the bank's answer.</summary>
    internal async Task<BankResult<PaymentFileAck>> SendFileAsync(PaymentFile file, PreparedPaymentFile prepared, CancellationToken cancellationToken)
    {
        if (!Capabilities.Has(BankCapabilities.For(file.Kind)))
        {
            return BankResult.NotSupported<PaymentFileAck>($"{file.Kind} payment files");
        }
        // X-Key-Id names the key as it was registered with the bank (a Key Vault signature reports a versioned kid).
        var signature = file.Connection.KeyId is { } keyId ? prepared.Signature with { KeyId = keyId } : prepared.Signature;
        // BANKS.md §A: signature over SHA-256 of the exact body bytes; ES256 as raw r‖s (JWS form), base64.
        var headers = new Dictionary<string, string>
        {
            ["X-Customer-Id"] = file.Connection.CustomerId,
            ["X-Key-Id"] = signature.KeyId,
            ["X-Signature-Alg"] = signature.Algorithm,
            ["X-Signature"] = Convert.ToBase64String(signature.Signature),
        };
        var response = await _channel.SendAsync(
            new BankHttpRequest(HttpMethod.Post, Path("payment-files"), Idempotent: false, prepared.Document, "application/xml", headers),
            cancellationToken).ConfigureAwait(false);

        var items = file.Payments.Select(i => new PaymentItemAck(i.Reference, null, null)).ToList();
        return response.Outcome switch
        {
            BankCallOutcome.Success => FileIdOf(response.Body) is { } fileId
                ? BankResult.Success(new PaymentFileAck(fileId, items))
                // 2xx without a readable fileId: the bank has the file, we cannot name it — find it by MsgId.
                : BankResult.Failure<PaymentFileAck>(BankCallOutcome.UnknownOutcome, "NoFileId", "Accepted without a fileId.", response.Status),
            // 409: the MsgId was already received; the body names the original file (BANKS.md §A).
            BankCallOutcome.Duplicate => new BankResult<PaymentFileAck>(
                BankCallOutcome.Duplicate, new PaymentFileAck(FileIdOf(response.Body), items), "DuplicateMsgId",
                "The bank already received this MsgId.", HttpStatus: response.Status),
            BankCallOutcome.Terminal => Refused(response),
            _ => Failure<PaymentFileAck>(response),
        };
    }

    /// <summary>A refused file: 401 is our signature; otherwise the pain.002 group reason (FF01, AM10…), in words when we know it.</summary>
    private static BankResult<PaymentFileAck> Refused(BankHttpResponse response)
    {
        var reason = response.Status == 401 ? null : Pain002StatusReader.GroupReason(response.Body);
        var code = response.Status == 401 ? "SignatureRejected" : reason ?? $"HTTP{response.Status}";
        var message = reason is not null && IsoReasons.Describe(reason) is { } known && known != reason
            ? known
            : $"Bank refused the payment file (HTTP {response.Status}).";
        return BankResult.Failure<PaymentFileAck>(BankCallOutcome.Terminal, code, message, response.Status);
    }

    /// <summary>
    /// Status by the bank's file id, or by our MsgId (how an unknown outcome is resolved), optionally one EndToEndId;
    /// <paramref name="references"/> also filters the answer.
    /// </summary>
    internal async Task<BankResult<PaymentStatusReport>> QueryAsync(
        BankConnection connection, string? bankFileId, string? fileReference, IReadOnlyList<string> references, CancellationToken cancellationToken)
    {
        if (!Capabilities.Has(BankCapability.StatusQuery))
        {
            return BankResult.NotSupported<PaymentStatusReport>("Status query");
        }
        string uri;
        if (!string.IsNullOrEmpty(bankFileId))
        {
            uri = Path($"payment-files/{Uri.EscapeDataString(bankFileId)}/status");
        }
        else if (!string.IsNullOrEmpty(fileReference) || references.Count > 0)
        {
            var query = new List<string>();
            if (!string.IsNullOrEmpty(fileReference))
            {
                query.Add("msgId=" + Uri.EscapeDataString(fileReference));
            }
            if (references.Count == 1)
            {
                query.Add("endToEndId=" + Uri.EscapeDataString(references[0]));
            }
            uri = Path("payment-status?" + string.Join('&', query));
        }
        else
        {
            return BankResult.Failure<PaymentStatusReport>(BankCallOutcome.Terminal, "NoReference", "A status query needs a fileId, MsgId or EndToEndId.");
        }

        var response = await _channel.SendAsync(new BankHttpRequest(HttpMethod.Get, uri, Idempotent: true, Headers: CustomerHeader(connection)), cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return BankResult.Success(new PaymentStatusReport(false, null, []));
        }
        if (response.Outcome != BankCallOutcome.Success)
        {
            return Failure<PaymentStatusReport>(response);
        }
        try
        {
            var report = Pain002StatusReader.Read(response.Body);
            if (references.Count > 0)
            {
                var wanted = references.ToHashSet(StringComparer.Ordinal);
                report = report with { Items = report.Items.Where(i => wanted.Contains(i.Reference)).ToList() };
            }
            return BankResult.Success(report);
        }
        catch (Exception e) when (e is XmlException or FormatException)
        {
            return BankResult.Failure<PaymentStatusReport>(BankCallOutcome.Terminal, "UnreadableStatus", e.Message, response.Status);
        }
    }

    public Task<BankResult<IReadOnlyList<AccountBalance>>> GetBalancesAsync(GetBalancesRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(BankResult.NotSupported<IReadOnlyList<AccountBalance>>("Balances (read them from camt.052)"));

    public async Task<BankResult<StatementChunk>> FetchStatementsAsync(FetchStatementsRequest request, CancellationToken cancellationToken)
    {
        if (!Capabilities.Has(BankCapability.Statements))
        {
            return BankResult.NotSupported<StatementChunk>("Statements");
        }
        var account = Uri.EscapeDataString(request.Account);
        string uri;
        string? next;
        var hasMore = false;
        switch (_options.StatementKind)
        {
            case "camt.053" or "mt940":
            {
                // Cursor = the next day to fetch (yyyy-MM-dd); at most MaxDaysPerPull days per call.
                var from = request.From;
                if (request.Cursor is not null && !DateOnly.TryParseExact(request.Cursor, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out from))
                {
                    return BankResult.Failure<StatementChunk>(BankCallOutcome.Terminal, "BadCursor", $"'{request.Cursor}' is not a {_options.StatementKind} cursor (yyyy-MM-dd).");
                }
                if (from > request.To)
                {
                    return BankResult.Success(new StatementChunk([], _options.StatementKind, request.Cursor, false));
                }
                var to = from.AddDays(Math.Max(1, _options.MaxDaysPerPull) - 1);
                if (to > request.To)
                {
                    to = request.To;
                }
                var route = _options.StatementKind == "mt940" ? "mt940" : "statements";
                uri = Path($"accounts/{account}/{route}?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
                next = to.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                hasMore = to < request.To;
                break;
            }
            case "camt.054":
            {
                // Cursor = the instant of the previous pull; overlap is fine, entries are de-duplicated downstream.
                var since = request.Cursor ?? request.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
                uri = Path($"accounts/{account}/notifications?since={Uri.EscapeDataString(since)}");
                next = _time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                break;
            }
            case "camt.052":
                uri = Path($"accounts/{account}/reports");
                next = null;
                break;
            default:
                return BankResult.NotSupported<StatementChunk>($"Statement kind {_options.StatementKind}");
        }
        var response = await _channel.SendAsync(new BankHttpRequest(HttpMethod.Get, uri, Idempotent: true, Headers: CustomerHeader(request.Connection)), cancellationToken).ConfigureAwait(false);
        return response.Outcome == BankCallOutcome.Success
            ? BankResult.Success(new StatementChunk(response.Body, _options.StatementKind, next, hasMore))
            : Failure<StatementChunk>(response);
    }

    /// <summary>The error code of a receipt the bank has not got yet (retried later, not a failure).</summary>
    public const string ReceiptNotReady = "ReceiptNotReady";

    /// <summary>
    /// GET accounts/{account}/receipts/{AcctSvcrRef} (tools/BankSim/README.md): the entry's camt.054, checked by
    /// <see cref="IsoReceipt"/>. 404 means the bank has not booked (or not yet published) the entry: ask again later.
    /// </summary>
    public async Task<BankResult<Receipt>> GetReceiptAsync(GetReceiptRequest request, CancellationToken cancellationToken)
    {
        if (!Capabilities.Has(BankCapability.EReceipts))
        {
            return BankResult.NotSupported<Receipt>("E-receipts");
        }
        var uri = Path($"accounts/{Uri.EscapeDataString(request.Account)}/receipts/{Uri.EscapeDataString(request.TransactionReference)}");
        var response = await _channel.SendAsync(new BankHttpRequest(HttpMethod.Get, uri, Idempotent: true, Headers: CustomerHeader(request.Connection)), cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return BankResult.Failure<Receipt>(BankCallOutcome.Retryable, ReceiptNotReady, $"The bank has no receipt for {request.TransactionReference} yet.", 404);
        }
        return response.Outcome == BankCallOutcome.Success ? IsoReceipt.Read(response.Body, request.TransactionReference) : Failure<Receipt>(response);
    }

    private static Dictionary<string, string> CustomerHeader(BankConnection connection) => new() { ["X-Customer-Id"] = connection.CustomerId };

    private static BankResult<T> Failure<T>(BankHttpResponse response) =>
        BankResult.Failure<T>(response.Outcome, response.Status is { } s ? $"HTTP{s}" : "Transport", response.Error, response.Status, response.RetryAfter);

    private static string? FileIdOf(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("fileId", out var id) ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
