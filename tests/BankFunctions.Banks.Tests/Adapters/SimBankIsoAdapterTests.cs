using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using BankFunctions.Banks.Adapters.Iso;
using BankFunctions.Banks.Resilience;
using BankFunctions.Banks.Signing;
using BankFunctions.Banks.Signing.Local;
using BankFunctions.Banks.Status;
using BankFunctions.Banks.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace BankFunctions.Banks.Tests.Adapters;

/// <summary>The ISO adapter against a small in-test bank that checks the signature headers as BANKS.md §A describes.</summary>
public sealed class SimBankIsoAdapterTests : IAsyncLifetime, IDisposable
{
    private const string Customer = "CUST-001";
    private readonly string _keys = Path.Combine(Path.GetTempPath(), "bf-iso-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentDictionary<string, string> _fileIdByMsgId = new();
    private readonly ConcurrentQueue<string> _queries = new();
    private string _publicKeyPem = "";
    private ISigner _signer = null!;
    private LoopbackServer _bank = null!;

    private static readonly byte[] Pain001 = Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\"><CstmrCdtTrfInitn><GrpHdr><MsgId>MSG-1</MsgId></GrpHdr></CstmrCdtTrfInitn></Document>");

    public async Task InitializeAsync()
    {
        var store = new LocalSigningKeyStore(_keys);
        var key = await store.CreateKeyAsync("iso", SigningKeyKind.EcP256, CancellationToken.None);
        _publicKeyPem = key.PublicKeyPem;
        _signer = store.GetSigner(key.KeyId, SignatureAlgorithms.ES256);
        _bank = new LoopbackServer(app =>
        {
            app.MapPost("/iso/v1/payment-files", (HttpRequest r) => ReceiveFile(r.HttpContext));
            app.MapGet("/iso/v1/payment-files/{fileId}/status", (string fileId) =>
                fileId == "F-404" ? Results.NotFound() : Results.Text(Pain002, "application/xml"));
            app.MapGet("/iso/v1/payment-status", (HttpContext c) =>
            {
                _queries.Enqueue(c.Request.QueryString.Value ?? "");
                return Results.Text(Pain002, "application/xml");
            });
            app.MapGet("/iso/v1/accounts/{account}/statements", (HttpContext c, string account) =>
            {
                _queries.Enqueue($"{account}{c.Request.QueryString.Value}");
                return Results.Text("<Document/>", "application/xml");
            });
        });
    }

    private async Task<IResult> ReceiveFile(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var headers = context.Request.Headers;
        if (headers["X-Customer-Id"] != Customer || headers["X-Signature-Alg"] != "ES256" || headers["X-Key-Id"] != _signer.KeyId)
        {
            return Results.StatusCode(401);
        }
        using var ec = ECDsa.Create();
        ec.ImportFromPem(_publicKeyPem);
        var signature = Convert.FromBase64String(headers["X-Signature"].ToString());
        if (!ec.VerifyHash(SHA256.HashData(body), signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            return Results.StatusCode(401);
        }
        var text = Encoding.UTF8.GetString(body);
        if (!text.Contains("<MsgId>", StringComparison.Ordinal))
        {
            return Results.Text(RejectFf01, "application/xml", statusCode: 400);
        }
        var msgId = text.Split("<MsgId>")[1].Split("</MsgId>")[0];
        var fileId = "F-" + Guid.NewGuid().ToString("N")[..6];
        return _fileIdByMsgId.TryAdd(msgId, fileId)
            ? Results.Json(new { fileId }, statusCode: 202)
            : Results.Json(new { fileId = _fileIdByMsgId[msgId] }, statusCode: 409);
    }

    public async Task DisposeAsync() => await _bank.DisposeAsync();

    public void Dispose()
    {
        if (Directory.Exists(_keys))
        {
            Directory.Delete(_keys, recursive: true);
        }
    }

    private SimBankIsoAdapter Adapter(SimBankIsoOptions? options = null)
    {
        options ??= new SimBankIsoOptions();
        options.BaseUrl = _bank.BaseAddress;
        options.Resilience = new BankResilienceOptions { AttemptTimeout = TimeSpan.FromSeconds(5), MaxRetries = 0, BreakerMinimumThroughput = 100 };
        return new SimBankIsoAdapter(new HttpClient(), options);
    }

    private SendPaymentFileRequest File(byte[] document, SignatureResult? signature = null) =>
        new(new BankConnection(Customer, _signer), "MSG-1", PaymentFileKind.Batch,
            [new PaymentInstruction("E2E-1", "DE89370400440532013000", "DE02120300000000202051", "ACME", null, 10.00m, "EUR")],
            document, signature);

    [Fact]
    public async Task Signed_file_is_accepted_and_a_resend_is_recognised_as_duplicate_with_the_original_file_id()
    {
        var adapter = Adapter();

        var first = await adapter.SendPaymentFileAsync(File(Pain001), CancellationToken.None);
        var again = await adapter.SendPaymentFileAsync(File(Pain001), CancellationToken.None);

        Assert.Equal(BankCallOutcome.Success, first.Outcome);
        Assert.StartsWith("F-", first.Value!.BankFileId, StringComparison.Ordinal);
        Assert.Equal(BankCallOutcome.Duplicate, again.Outcome);
        Assert.Equal(first.Value.BankFileId, again.Value!.BankFileId);
    }

    [Fact]
    public async Task A_prepared_file_is_signed_once_and_sent_with_that_signature()
    {
        var adapter = Adapter();
        var connection = new BankConnection(Customer, _signer);
        var prepared = await adapter.PreparePaymentFileAsync(new PreparePaymentFileRequest(connection, "MSG-P", PaymentFileKind.Batch,
            [new PaymentInstruction("E2E-P", "DE89370400440532013000", "DE02120300000000202051", "ACME", null, 10.00m, "EUR")], "file-p", DateTimeOffset.UtcNow,
            Pain001), CancellationToken.None);

        Assert.Equal(BankCallOutcome.Success, prepared.Outcome);
        Assert.Equal(Pain001, prepared.Value!.Document);
        using var ec = ECDsa.Create();
        ec.ImportFromPem(_publicKeyPem);
        Assert.True(ec.VerifyData(Pain001, prepared.Value.Signature.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        // Sent without a signer: only the prepared signature can make the bank accept it.
        var sent = await adapter.SendPaymentFileAsync(File(Pain001, prepared.Value.Signature) with { Connection = new BankConnection(Customer) }, CancellationToken.None);
        Assert.Equal(BankCallOutcome.Success, sent.Outcome);
    }

    [Fact]
    public async Task A_signature_over_other_bytes_is_refused_as_terminal()
    {
        var signedElsewhere = await _signer.SignAsync("<Document/>"u8.ToArray(), CancellationToken.None);
        var result = await Adapter().SendPaymentFileAsync(File(Pain001, signedElsewhere), CancellationToken.None);
        Assert.Equal(BankCallOutcome.Terminal, result.Outcome);
        Assert.Equal("SignatureRejected", result.ErrorCode);
    }

    [Fact]
    public async Task Schema_rejection_is_terminal_with_the_pain002_reason()
    {
        var result = await Adapter().SendPaymentFileAsync(File("<Document/>"u8.ToArray()), CancellationToken.None);
        Assert.Equal(BankCallOutcome.Terminal, result.Outcome);
        Assert.Equal("FF01", result.ErrorCode);
    }

    [Fact]
    public async Task Status_by_file_id_maps_group_and_transactions_keeping_bank_codes()
    {
        var result = await Adapter().QueryPaymentStatusAsync(new QueryPaymentStatusRequest(new BankConnection(Customer), PaymentFileKind.Batch, "F-1", null, []), CancellationToken.None);

        Assert.Equal(BankCallOutcome.Success, result.Outcome);
        var report = result.Value!;
        Assert.True(report.Found);
        Assert.Equal(new BankPaymentStatus(UnifiedPaymentStatus.Accepted, "PART"), report.Group);
        Assert.Equal(
            [
                new PaymentItemStatus("E2E-1", new BankPaymentStatus(UnifiedPaymentStatus.Completed, "ACSC"), "REF-9"),
                new PaymentItemStatus("E2E-2", new BankPaymentStatus(UnifiedPaymentStatus.Rejected, "RJCT", "AM04", "Insufficient funds")),
                new PaymentItemStatus("E2E-3", new BankPaymentStatus(UnifiedPaymentStatus.Accepted, "PART")),
            ],
            report.Items);
    }

    [Fact]
    public async Task Unknown_outcome_is_resolved_by_msg_id_and_an_unknown_file_is_reported_not_found()
    {
        var adapter = Adapter();
        var byMsgId = await adapter.QueryPaymentStatusAsync(new QueryPaymentStatusRequest(new BankConnection(Customer), PaymentFileKind.Batch, null, "MSG 1", ["E2E-2"]), CancellationToken.None);
        var missing = await adapter.QueryPaymentStatusAsync(new QueryPaymentStatusRequest(new BankConnection(Customer), PaymentFileKind.Batch, "F-404", null, []), CancellationToken.None);

        Assert.Equal("?msgId=MSG%201&endToEndId=E2E-2", Assert.Single(_queries));
        Assert.Equal("E2E-2", Assert.Single(byMsgId.Value!.Items).Reference);
        Assert.Equal(BankCallOutcome.Success, missing.Outcome);
        Assert.False(missing.Value!.Found);
    }

    [Fact]
    public async Task Statement_pulls_walk_the_date_range_with_a_cursor()
    {
        var adapter = Adapter(new SimBankIsoOptions { MaxDaysPerPull = 7 });
        var from = new DateOnly(2026, 1, 1);
        var to = new DateOnly(2026, 1, 10);

        var first = await adapter.FetchStatementsAsync(new FetchStatementsRequest(new BankConnection(Customer), "DE89 3704", from, to, null), CancellationToken.None);
        var second = await adapter.FetchStatementsAsync(new FetchStatementsRequest(new BankConnection(Customer), "DE89 3704", from, to, first.Value!.NextCursor), CancellationToken.None);

        Assert.Equal(("camt.053", "2026-01-08", true), (first.Value.Kind, first.Value.NextCursor, first.Value.HasMore));
        Assert.Equal(("2026-01-11", false), (second.Value!.NextCursor, second.Value.HasMore));
        Assert.Equal(["DE89 3704?from=2026-01-01&to=2026-01-07", "DE89 3704?from=2026-01-08&to=2026-01-10"], _queries.ToArray());
        Assert.Equal("<Document/>", Encoding.UTF8.GetString(first.Value.Content));
    }

    [Fact]
    public async Task Operations_the_bank_lacks_are_typed_not_supported()
    {
        var adapter = Adapter(new SimBankIsoOptions { Capabilities = [BankCapability.Payments] });
        Assert.Equal(BankCallOutcome.NotSupported, (await adapter.GetBalancesAsync(new GetBalancesRequest(new BankConnection(Customer), ["A"]), CancellationToken.None)).Outcome);
        Assert.Equal(BankCallOutcome.NotSupported, (await adapter.GetReceiptAsync(new GetReceiptRequest(new BankConnection(Customer), "A", "R", new DateOnly(2026, 1, 1)), CancellationToken.None)).Outcome);
        Assert.Equal(BankCallOutcome.NotSupported, (await adapter.SendPaymentFileAsync(File(Pain001), CancellationToken.None)).Outcome);
        Assert.False(adapter.Capabilities.Has(BankCapability.Statements));
    }

    [Fact]
    public async Task Bank_that_takes_the_file_and_never_answers_gives_an_unknown_outcome_resolved_by_msg_id()
    {
        var uploads = 0;
        await using var silentBank = new LoopbackServer(app =>
        {
            app.MapPost("/iso/v1/payment-files", async (HttpRequest r) =>
            {
                await r.Body.CopyToAsync(Stream.Null);
                Interlocked.Increment(ref uploads);
                await Task.Delay(Timeout.Infinite, r.HttpContext.RequestAborted);
            });
            app.MapGet("/iso/v1/payment-status", () => Results.Text(Pain002, "application/xml"));
        });
        var adapter = new SimBankIsoAdapter(new HttpClient(), new SimBankIsoOptions
        {
            BaseUrl = silentBank.BaseAddress,
            Resilience = new BankResilienceOptions { AttemptTimeout = TimeSpan.FromMilliseconds(800), MaxRetries = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(10), BreakerMinimumThroughput = 100 },
        });

        var sent = await adapter.SendPaymentFileAsync(File(Pain001), CancellationToken.None);
        var resolved = await adapter.QueryPaymentStatusAsync(new QueryPaymentStatusRequest(new BankConnection(Customer), PaymentFileKind.Batch, null, "MSG-1", []), CancellationToken.None);

        Assert.Equal(BankCallOutcome.UnknownOutcome, sent.Outcome);
        Assert.Equal(1, uploads);
        Assert.Equal(UnifiedPaymentStatus.Completed, resolved.Value!.Items[0].Status.Status);
    }

    private const string Pain002 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10">
          <CstmrPmtStsRpt>
            <GrpHdr><MsgId>STS-1</MsgId><CreDtTm>2026-11-22T10:00:00</CreDtTm></GrpHdr>
            <OrgnlGrpInfAndSts><OrgnlMsgId>MSG-1</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId><GrpSts>PART</GrpSts></OrgnlGrpInfAndSts>
            <OrgnlPmtInfAndSts>
              <OrgnlPmtInfId>PMT-1</OrgnlPmtInfId>
              <TxInfAndSts><OrgnlEndToEndId>E2E-1</OrgnlEndToEndId><TxSts>ACSC</TxSts><AcctSvcrRef>REF-9</AcctSvcrRef></TxInfAndSts>
              <TxInfAndSts><OrgnlEndToEndId>E2E-2</OrgnlEndToEndId><TxSts>RJCT</TxSts>
                <StsRsnInf><Rsn><Cd>AM04</Cd></Rsn><AddtlInf>Insufficient funds</AddtlInf></StsRsnInf></TxInfAndSts>
              <TxInfAndSts><OrgnlEndToEndId>E2E-3</OrgnlEndToEndId></TxInfAndSts>
            </OrgnlPmtInfAndSts>
          </CstmrPmtStsRpt>
        </Document>
        """;

    private const string RejectFf01 = """
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"><CstmrPmtStsRpt>
          <OrgnlGrpInfAndSts><OrgnlMsgId>?</OrgnlMsgId><GrpSts>RJCT</GrpSts><StsRsnInf><Rsn><Cd>FF01</Cd></Rsn></StsRsnInf></OrgnlGrpInfAndSts>
        </CstmrPmtStsRpt></Document>
        """;
}
