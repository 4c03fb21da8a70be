using BankFunctions.Domain;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using BankFunctions.Banks.Adapters.Iso;
using BankFunctions.Banks.Resilience;
using BankFunctions.Banks.Signing;
using BankFunctions.Banks.Signing.Local;
using BankFunctions.Banks.Tests.Fakes;
using BankFunctions.Domain.Payments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace BankFunctions.Banks.Tests.Adapters;

/// <summary>The ISO adapter against a small in-test bank that checks the signature headers as BANKS.md §A describes.</summary>
public sealed class Iso20022AdapterTests : IAsyncLifetime, IDisposable
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
            app.MapGet("/iso/v1/accounts/{account}/receipts/{reference}", (HttpContext c, string account, string reference) =>
            {
                _queries.Enqueue($"receipt {account} {reference} {c.Request.Headers["X-Customer-Id"]}");
                return reference == "BK-LATER" ? Results.Problem("No booked entry", statusCode: 404)
                    : Results.Bytes(IsoReceiptTests.Camt054(reference == "BK-WRONG" ? "BK-OTHER" : reference), "application/xml");
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

    private Iso20022Adapter Adapter(Iso20022Options? options = null)
    {
        options ??= new Iso20022Options();
        options.BaseUrl = _bank.BaseAddress;
        options.Resilience = new BankResilienceOptions { AttemptTimeout = TimeSpan.FromSeconds(5), MaxRetries = 0, BreakerMinimumThroughput = 100 };
        return new Iso20022Adapter(new HttpClient(), options);
    }

    [Fact]
    public async Task Receipt_is_the_entrys_camt054_from_the_receipts_route()
    {
        var result = await Adapter().GetReceiptAsync(
            new GetReceiptRequest(new BankConnection(Customer, _signer), "DE89370400440532013000", "BK-1", new DateOnly(2026, 11, 20)), CancellationToken.None);

        Assert.Equal(BankCallOutcome.Success, result.Outcome);
        Assert.Equal(IsoReceiptTests.Camt054("BK-1"), result.Value!.Content);
        Assert.Contains($"receipt DE89370400440532013000 BK-1 {Customer}", _queries);
    }

    [Fact]
    public async Task Receipt_not_booked_yet_is_retryable_and_a_wrong_one_terminal()
    {
        var connection = new BankConnection(Customer, _signer);
        var later = await Adapter().GetReceiptAsync(new GetReceiptRequest(connection, "DE89370400440532013000", "BK-LATER", new DateOnly(2026, 11, 20)), CancellationToken.None);
        var wrong = await Adapter().GetReceiptAsync(new GetReceiptRequest(connection, "DE89370400440532013000", "BK-WRONG", new DateOnly(2026, 11, 20)), CancellationToken.None);

        Assert.Equal((BankCallOutcome.Retryable, Iso20022Adapter.ReceiptNotReady), (later.Outcome, later.ErrorCode));
        Assert.Equal((BankCallOutcome.Terminal, "BadReceipt"), (wrong.Outcome, wrong.ErrorCode));
    }

    [Fact]
    public async Task Without_the_receipts_capability_nothing_is_asked()
    {
        var result = await Adapter(new Iso20022Options { Capabilities = [BankCapability.Payments] })
            .GetReceiptAsync(new GetReceiptRequest(new BankConnection(Customer, _signer), "DE89370400440532013000", "BK-1", new DateOnly(2026, 11, 20)), CancellationToken.None);

        Assert.Equal(BankCallOutcome.NotSupported, result.Outcome);
        Assert.DoesNotContain(_queries, q => q.StartsWith("receipt", StringComparison.Ordinal));
    }

    private PaymentFile File(BankConnection? connection = null, PaymentFileKind kind = PaymentFileKind.Batch) =>
        new(connection ?? new BankConnection(Customer, _signer), "file_1", "MSG-1", kind, new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero),
            new DateOnly(2026, 11, 23), new BankParty("ACME Treasury", Iban: "DE89370400440532013000", Bic: "COBADEFFXXX"),
            [
                new PaymentInstruction("E2E-1", Money.Of(10.00m, "EUR"), new BankParty("ACME", Iban: "DE02120300000000202051"), Remittance: "Invoice 1"),
                new PaymentInstruction("E2E-2", Money.Of(0.50m, "EUR"), new BankParty("Muster GmbH", AccountNumber: "0532013000", Bic: "NWBKGB2L")),
                new PaymentInstruction("E2E-3", Money.Of(7m, "EUR"), new BankParty("Third", Iban: "GB82WEST12345698765432")),
            ]);

    private async Task<PreparedPaymentFile> Signed(byte[] document) =>
        new(document, "application/xml", await _signer.SignAsync(document, CancellationToken.None));

    [Fact]
    public async Task Signed_file_is_accepted_and_a_resend_is_recognised_as_duplicate_with_the_original_file_id()
    {
        var adapter = Adapter();
        var file = await Signed(Pain001);

        var first = Assert.IsType<SendOutcome.Accepted>(await adapter.SendPaymentFileAsync(File(), file, CancellationToken.None));
        var again = Assert.IsType<SendOutcome.Duplicate>(await adapter.SendPaymentFileAsync(File(), file, CancellationToken.None));

        Assert.StartsWith("F-", first.BankFileReference, StringComparison.Ordinal);
        Assert.Equal(first.BankFileReference, again.BankFileReference);
        // The bank validates asynchronously: an accepted file says nothing about its payments yet.
        Assert.Empty(first.Statuses!);
    }

    [Fact]
    public async Task A_prepared_file_is_built_as_pain001_signed_once_and_sent_with_that_signature()
    {
        var adapter = Adapter();
        var prepared = await adapter.PreparePaymentFileAsync(File(), CancellationToken.None);

        Assert.Equal(BankCallOutcome.Success, prepared.Outcome);
        Assert.Equal("application/xml", prepared.Value!.ContentType);
        using var ec = ECDsa.Create();
        ec.ImportFromPem(_publicKeyPem);
        Assert.True(ec.VerifyData(prepared.Value.Document, prepared.Value.Signature.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        // The document is the file's pain.001.001.09: our MsgId, one payment information block, our EndToEndIds.
        XNamespace ns = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
        var xml = XDocument.Load(new MemoryStream(prepared.Value.Document));
        Assert.Equal("MSG-1", xml.Descendants(ns + "GrpHdr").Single().Element(ns + "MsgId")!.Value);
        Assert.Equal("3", xml.Descendants(ns + "GrpHdr").Single().Element(ns + "NbOfTxs")!.Value);
        Assert.Equal("17.50", xml.Descendants(ns + "GrpHdr").Single().Element(ns + "CtrlSum")!.Value);
        var info = xml.Descendants(ns + "PmtInf").Single();
        Assert.Equal("MSG-1-1", info.Element(ns + "PmtInfId")!.Value);
        Assert.Contains("2026-11-23", info.Element(ns + "ReqdExctnDt")!.Value, StringComparison.Ordinal);
        Assert.Equal("DE89370400440532013000", info.Element(ns + "DbtrAcct")!.Descendants(ns + "IBAN").Single().Value);
        Assert.Equal(["E2E-1", "E2E-2", "E2E-3"], info.Descendants(ns + "EndToEndId").Select(e => e.Value));
        Assert.Equal(["10.00", "0.50", "7.00"], info.Descendants(ns + "InstdAmt").Select(e => e.Value));
        Assert.Equal("0532013000", info.Descendants(ns + "CdtTrfTxInf").ElementAt(1).Element(ns + "CdtrAcct")!.Descendants(ns + "Id").Last().Value);
        Assert.Empty(info.Descendants(ns + "CtgyPurp"));

        // Sent without a signer: only the prepared signature can make the bank accept it.
        var sent = await adapter.SendPaymentFileAsync(File(new BankConnection(Customer)), prepared.Value, CancellationToken.None);
        Assert.IsType<SendOutcome.Accepted>(sent);
    }

    [Fact]
    public async Task A_payroll_file_carries_category_purpose_sala()
    {
        var prepared = await Adapter().PreparePaymentFileAsync(File(kind: PaymentFileKind.Payroll), CancellationToken.None);

        XNamespace ns = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
        Assert.Equal("SALA", XDocument.Load(new MemoryStream(prepared.Value!.Document)).Descendants(ns + "CtgyPurp").Single().Value);
    }

    [Fact]
    public async Task The_key_id_sent_is_the_one_registered_with_the_bank()
    {
        var adapter = Adapter();
        var prepared = await adapter.PreparePaymentFileAsync(File(), CancellationToken.None);

        // The in-test bank knows the key by the signer's id; a connection naming another key is refused, its own accepted.
        var other = await adapter.SendPaymentFileAsync(File(new BankConnection(Customer, KeyId: "other-key")), prepared.Value!, CancellationToken.None);
        var registered = await adapter.SendPaymentFileAsync(File(new BankConnection(Customer, KeyId: _signer.KeyId)), prepared.Value!, CancellationToken.None);

        Assert.Equal("SignatureRejected", Assert.IsType<SendOutcome.Terminal>(other).Code);
        Assert.IsType<SendOutcome.Accepted>(registered);
    }

    [Fact]
    public async Task A_signature_over_other_bytes_is_refused_as_terminal()
    {
        var signedElsewhere = await _signer.SignAsync("<Document/>"u8.ToArray(), CancellationToken.None);
        var result = await Adapter().SendPaymentFileAsync(File(), new PreparedPaymentFile(Pain001, "application/xml", signedElsewhere), CancellationToken.None);
        Assert.Equal("SignatureRejected", Assert.IsType<SendOutcome.Terminal>(result).Code);
    }

    [Fact]
    public async Task Schema_rejection_is_terminal_with_the_pain002_reason()
    {
        var result = await Adapter().SendPaymentFileAsync(File(), await Signed("<Document/>"u8.ToArray()), CancellationToken.None);
        Assert.Equal(new SendOutcome.Terminal("FF01", "Invalid file format"), result);
    }

    [Fact]
    public async Task Status_by_file_id_reads_group_and_transactions_keeping_bank_codes()
    {
        var result = await Adapter().QueryAsync(new BankConnection(Customer), "F-1", null, [], CancellationToken.None);

        Assert.Equal(BankCallOutcome.Success, result.Outcome);
        var report = result.Value!;
        Assert.True(report.Found);
        Assert.Equal(new IsoPaymentStatus("PART"), report.Group);
        Assert.Equal(
            [
                new PaymentItemStatus("E2E-1", new IsoPaymentStatus("ACSC"), "REF-9"),
                new PaymentItemStatus("E2E-2", new IsoPaymentStatus("RJCT", "AM04", "Insufficient funds")),
                new PaymentItemStatus("E2E-3", new IsoPaymentStatus("PART")),
            ],
            report.Items);
    }

    [Fact]
    public async Task Status_of_a_file_is_each_payments_domain_status_with_the_bank_codes_kept()
    {
        var found = Assert.IsType<StatusOutcome.Found>(await Adapter().QueryPaymentStatusAsync(File(), CancellationToken.None));

        Assert.Equal(
            [
                new PaymentBankStatus("E2E-1", PaymentStatus.Completed, "ACSC", null, null),
                new PaymentBankStatus("E2E-2", PaymentStatus.Rejected, "RJCT", "AM04", "Insufficient funds"),
                new PaymentBankStatus("E2E-3", PaymentStatus.Accepted, "PART", null, null),
            ],
            found.Payments);
        Assert.Equal("?msgId=MSG-1", Assert.Single(_queries));
    }

    [Fact]
    public async Task Unknown_outcome_is_resolved_by_msg_id_and_an_unknown_file_is_reported_not_found()
    {
        var adapter = Adapter();
        var byMsgId = await adapter.QueryAsync(new BankConnection(Customer), null, "MSG 1", ["E2E-2"], CancellationToken.None);
        var missing = await adapter.QueryAsync(new BankConnection(Customer), "F-404", null, [], CancellationToken.None);

        Assert.Equal("?msgId=MSG%201&endToEndId=E2E-2", Assert.Single(_queries));
        Assert.Equal("E2E-2", Assert.Single(byMsgId.Value!.Items).Reference);
        Assert.Equal(BankCallOutcome.Success, missing.Outcome);
        Assert.False(missing.Value!.Found);
    }

    [Fact]
    public async Task Statement_pulls_walk_the_date_range_with_a_cursor()
    {
        var adapter = Adapter(new Iso20022Options { MaxDaysPerPull = 7 });
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
        var adapter = Adapter(new Iso20022Options { Capabilities = [BankCapability.Payments] });
        Assert.Equal(BankCallOutcome.NotSupported, (await adapter.GetBalancesAsync(new GetBalancesRequest(new BankConnection(Customer), ["A"]), CancellationToken.None)).Outcome);
        Assert.Equal(BankCallOutcome.NotSupported, (await adapter.GetReceiptAsync(new GetReceiptRequest(new BankConnection(Customer), "A", "R", new DateOnly(2026, 1, 1)), CancellationToken.None)).Outcome);
        Assert.Equal(BankCallOutcome.NotSupported, (await adapter.PreparePaymentFileAsync(File(), CancellationToken.None)).Outcome);
        Assert.Equal("NotSupported", Assert.IsType<SendOutcome.Terminal>(await adapter.SendPaymentFileAsync(File(), await Signed(Pain001), CancellationToken.None)).Code);
        Assert.False(adapter.Capabilities.Has(BankCapability.Statements));
    }

    [Fact]
    public async Task A_profile_without_statements_gets_not_supported_and_asks_the_bank_nothing()
    {
        var adapter = Adapter(new Iso20022Options { Capabilities = [BankCapability.Payments, BankCapability.StatusQuery] });
        var result = await adapter.FetchStatementsAsync(
            new FetchStatementsRequest(new BankConnection(Customer), "DE89 3704", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 10), null), CancellationToken.None);
        Assert.Equal(BankCallOutcome.NotSupported, result.Outcome);
        Assert.Empty(_queries);
    }

    [Fact]
    public async Task A_profile_without_status_query_gets_not_supported_and_asks_the_bank_nothing()
    {
        var adapter = Adapter(new Iso20022Options { Capabilities = [BankCapability.Payments, BankCapability.Statements] });
        // With the capability the same call finds the bank's pain.002 (Found); without it nothing is asked.
        Assert.IsType<StatusOutcome.Found>(await Adapter().QueryPaymentStatusAsync(File(), CancellationToken.None));
        _queries.Clear();
        var status = await adapter.QueryPaymentStatusAsync(File(), CancellationToken.None);
        Assert.Contains("Status query", Assert.IsType<StatusOutcome.Refused>(status).Reason, StringComparison.Ordinal);
        Assert.Empty(_queries);
    }

    [Theory]
    [InlineData(PaymentFileKind.Single, BankCapability.Payments)]
    [InlineData(PaymentFileKind.Payroll, BankCapability.Payroll)]
    public async Task A_file_kind_the_profile_removes_is_refused_before_signing(PaymentFileKind kind, BankCapability removed)
    {
        var adapter = Adapter(new Iso20022Options { Capabilities = [.. new Iso20022Options().Capabilities.Where(c => c != removed)] });
        var prepared = await adapter.PreparePaymentFileAsync(File(kind: kind), CancellationToken.None);
        Assert.Equal((BankCallOutcome.NotSupported, "NotSupported"), (prepared.Outcome, prepared.ErrorCode));
        Assert.True((await Adapter().PreparePaymentFileAsync(File(kind: kind), CancellationToken.None)).IsSuccess);
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
        var adapter = new Iso20022Adapter(new HttpClient(), new Iso20022Options
        {
            BaseUrl = silentBank.BaseAddress,
            Resilience = new BankResilienceOptions { AttemptTimeout = TimeSpan.FromMilliseconds(800), MaxRetries = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(10), BreakerMinimumThroughput = 100 },
        });

        var sent = await adapter.SendPaymentFileAsync(File(), await Signed(Pain001), CancellationToken.None);
        var resolved = await adapter.QueryPaymentStatusAsync(File(), CancellationToken.None);

        Assert.IsType<SendOutcome.UnknownOutcome>(sent);
        Assert.Equal(1, uploads);
        Assert.Equal(PaymentStatus.Completed, Assert.IsType<StatusOutcome.Found>(resolved).Payments[0].Status);
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
