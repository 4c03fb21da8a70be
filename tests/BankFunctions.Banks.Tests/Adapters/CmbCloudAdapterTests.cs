using BankFunctions.Domain;
using System.Text.Json.Nodes;
using BankFunctions.Banks.Adapters.Cmb;
using BankFunctions.Banks.Resilience;
using BankFunctions.Banks.Signing;
using BankFunctions.Banks.Signing.Local;
using BankFunctions.Domain.Payments;
using BankFunctions.TestSupport;
using Xunit;

namespace BankFunctions.Banks.Tests.Adapters;

public sealed class CmbCloudAdapterTests : IAsyncLifetime, IDisposable
{
    private const string Uid = "N002463558";
    private const string Debtor = "755915678910101";
    private static readonly byte[] Sm4Key = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");
    private readonly string _keys = Path.Combine(Path.GetTempPath(), "bf-cmbad-" + Guid.NewGuid().ToString("N"));
    private LocalSigningKeyStore _store = null!;
    private BankConnection _connection = null!;
    private InTestCmbBank _bank = null!;
    private ISigner _bankSigner = null!;

    public async Task InitializeAsync()
    {
        _store = new LocalSigningKeyStore(_keys);
        var customer = await _store.CreateKeyAsync("customer", SigningKeyKind.Sm2, CancellationToken.None);
        var bank = await _store.CreateKeyAsync("bank", SigningKeyKind.Sm2, CancellationToken.None);
        _bankSigner = _store.GetSigner(bank.KeyId, SignatureAlgorithms.SM2SM3, CmbCrypto.UserId(Uid));
        _bank = new InTestCmbBank(Uid, Sm4Key, customer.PublicKeyPem, _bankSigner);
        _connection = new BankConnection(Uid, _store.GetSigner(customer.KeyId, SignatureAlgorithms.SM2SM3, CmbCrypto.UserId(Uid)), Sm4Key, bank.PublicKeyPem, PlatformName: "BankFunctions");
    }

    public async Task DisposeAsync() => await _bank.DisposeAsync();

    public void Dispose()
    {
        if (Directory.Exists(_keys))
        {
            Directory.Delete(_keys, recursive: true);
        }
    }

    private CmbCloudAdapter Adapter() => Adapter(new CmbCloudOptions().Capabilities);

    /// <summary>The adapter as a bank profile with these capabilities configures it (<c>Banks__&lt;id&gt;__Capabilities</c>).</summary>
    private CmbCloudAdapter Adapter(IReadOnlyList<BankCapability> capabilities) => new(new HttpClient(), new CmbCloudOptions
    {
        BaseUrl = _bank.BaseAddress,
        Resilience = new BankResilienceOptions { AttemptTimeout = TimeSpan.FromSeconds(10), MaxRetries = 0, BreakerMinimumThroughput = 100 },
        Capabilities = capabilities,
    });

    private static PaymentInstruction Pay(string yurRef, decimal amount = 1234.50m, string currency = "CNY") =>
        new(yurRef, Money.Of(amount, currency), new BankParty("张三 Trading", AccountNumber: "6225880012345678"), "招商银行深圳分行", "货款");

    private static readonly DateTimeOffset SignedAt = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    private PaymentFile File(string reference, PaymentFileKind kind, params PaymentInstruction[] payments) =>
        new(_connection, "file_" + reference, reference, kind, SignedAt, new DateOnly(2026, 11, 30), new BankParty("测试企业", AccountNumber: Debtor), payments);

    private PaymentFile Single(string yurRef, decimal amount = 1234.50m) => File(yurRef, PaymentFileKind.Single, Pay(yurRef, amount));

    /// <summary>Prepares the file's envelope and sends it, as the dispatch stages do; the bank's answer as read.</summary>
    private static async Task<BankResult<PaymentFileAck>> SendAsync(CmbCloudAdapter adapter, PaymentFile file)
    {
        var prepared = await adapter.PreparePaymentFileAsync(file, CancellationToken.None);
        return prepared.IsSuccess
            ? await adapter.SendFileAsync(file, prepared.Value!, CancellationToken.None)
            : BankResult.Failure<PaymentFileAck>(prepared.Outcome, prepared.ErrorCode, prepared.ErrorMessage);
    }

    [Fact]
    public async Task Single_payment_is_sent_encrypted_and_signed_and_acknowledged()
    {
        var result = await SendAsync(Adapter(), Single("PAY-0001"));

        Assert.Equal(BankCallOutcome.Success, result.Outcome);
        var ack = Assert.Single(result.Value!.Items);
        Assert.Equal(new PaymentItemAck("PAY-0001", "R000001", new CmbPaymentStatus("NTE")), ack);
        Assert.Equal("R000001", result.Value.BankFileId);

        // What the bank got, decrypted independently with openssl.
        using var cipher = new Openssl.TempFile(Convert.FromBase64String(Assert.Single(_bank.RawData)));
        var plain = Openssl.Checked(["enc", "-d", "-sm4-cbc", "-K", Convert.ToHexString(Sm4Key), "-iv", Convert.ToHexString(CmbCrypto.Iv(Uid)), "-in", cipher.Path]);
        var sent = JsonNode.Parse(plain)!;
        Assert.Equal("BB1PAYOP", sent["request"]!["head"]!["funcode"]!.GetValue<string>());
        Assert.Equal(Uid, sent["request"]!["head"]!["userid"]!.GetValue<string>());
        var item = sent["request"]!["body"]!["bb1payopx1"]![0]!;
        Assert.Equal(("PAY-0001", "1234.50", "10", "张三 Trading", "N"),
            (item["yurRef"]!.GetValue<string>(), item["trsAmt"]!.GetValue<string>(), item["ccyNbr"]!.GetValue<string>(), item["crtNam"]!.GetValue<string>(), item["bnkFlg"]!.GetValue<string>()));
        Assert.Equal("N02030", sent["request"]!["body"]!["bb1paybmx1"]![0]!["busCod"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_accepted_send_already_moves_each_payment_as_the_answer_says()
    {
        var adapter = Adapter();
        var file = File("BATCH-A", PaymentFileKind.Batch, Pay("PAY-A1"), Pay("PAY-A2", 2m));
        var prepared = await adapter.PreparePaymentFileAsync(file, CancellationToken.None);

        var sent = await adapter.SendPaymentFileAsync(file, prepared.Value!, CancellationToken.None);

        var accepted = Assert.IsType<SendOutcome.Accepted>(sent);
        Assert.Equal("BATCH-A", accepted.BankFileReference);
        Assert.Equal(
            [
                new PaymentBankStatus("PAY-A1", PaymentStatus.Accepted, null, "NTE", null),
                new PaymentBankStatus("PAY-A2", PaymentStatus.Accepted, null, "NTE", null),
            ],
            accepted.Statuses);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reused_yurref_is_a_duplicate_resolved_by_looking_up_the_original(bool duplicateInHead)
    {
        _bank.DuplicateInHead = duplicateInHead;
        var adapter = Adapter();
        await SendAsync(adapter, Single("PAY-0002"));
        _bank.Ledger["PAY-0002"] = ("R000001", "FIN", "S");

        var again = await SendAsync(adapter, Single("PAY-0002"));

        Assert.Equal(BankCallOutcome.Duplicate, again.Outcome);
        Assert.Equal(new PaymentItemAck("PAY-0002", "R000001", new CmbPaymentStatus("FIN", "S"), Duplicate: true), Assert.Single(again.Value!.Items));
        Assert.Equal(["BB1PAYOP", "BB1PAYOP", "BB1PAYQR"], _bank.Funcodes.ToArray());
    }

    [Fact]
    public async Task Batch_with_one_reused_reference_keeps_the_new_ones_and_marks_the_duplicate()
    {
        var adapter = Adapter();
        await SendAsync(adapter, Single("PAY-0003"));

        var result = await SendAsync(adapter, File("BATCH-1", PaymentFileKind.Batch, Pay("PAY-0003"), Pay("PAY-0004", 0.01m)));

        Assert.Equal(BankCallOutcome.Success, result.Outcome);
        Assert.Equal(
            [
                new PaymentItemAck("PAY-0004", "R000002", new CmbPaymentStatus("NTE")),
                new PaymentItemAck("PAY-0003", "R000001", new CmbPaymentStatus("NTE"), Duplicate: true),
            ],
            result.Value!.Items);
        Assert.Equal("0.01", _bank.Bodies.Last(b => b.ContainsKey("bb1paybhx1"))["bb1paybhx1"]![1]!["trsAmt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status_query_by_yurref_maps_cmb_states()
    {
        _bank.Ledger["PAY-9"] = ("R9", "FIN", "B");
        var file = File("Q-1", PaymentFileKind.Batch, Pay("PAY-9"), Pay("PAY-unknown"));
        var result = await Adapter().QueryAsync(file, CancellationToken.None);
        var outcome = await Adapter().QueryPaymentStatusAsync(file, CancellationToken.None);

        Assert.True(result.Value!.Found);
        Assert.Equal(new PaymentItemStatus("PAY-9", new CmbPaymentStatus("FIN", "B"), "R9", 1234.50m), Assert.Single(result.Value.Items));
        // As the dispatch stages see it: the domain status, the flag kept as the bank's code.
        Assert.Equal([new PaymentBankStatus("PAY-9", PaymentStatus.Returned, null, "B", "Bounced after success (退票)")], Assert.IsType<StatusOutcome.Found>(outcome).Payments);
    }

    [Fact]
    public async Task A_prepared_envelope_is_sent_byte_for_byte_and_its_resend_is_a_duplicate()
    {
        var adapter = Adapter();
        var paymentFile = File("BATCH-P", PaymentFileKind.Batch, Pay("PAY-P1"), Pay("PAY-P2", 2m)) with { FileId = "file-1" };
        var prepared = await adapter.PreparePaymentFileAsync(paymentFile, CancellationToken.None);
        Assert.Equal(BankCallOutcome.Success, prepared.Outcome);
        var file = prepared.Value!;
        var envelope = System.Text.Json.Nodes.JsonNode.Parse(file.Document)!;
        Assert.Equal(("BB1PAYBH", "file-1", "20261129160000"), (envelope["request"]!["head"]!["funcode"]!.GetValue<string>(),
            envelope["request"]!["head"]!["reqid"]!.GetValue<string>(), envelope["signature"]!["sigtim"]!.GetValue<string>()));
        Assert.Equal(Convert.ToBase64String(file.Signature.Signature), envelope["signature"]!["sigdat"]!.GetValue<string>());

        var first = await adapter.SendFileAsync(paymentFile, file, CancellationToken.None);
        var again = await adapter.SendFileAsync(paymentFile, file, CancellationToken.None);

        Assert.Equal(BankCallOutcome.Success, first.Outcome);
        Assert.Equal(["PAY-P1", "PAY-P2"], first.Value!.Items.Select(i => i.Reference));
        Assert.Equal(file.Document, CmbCrypto.Sm4Decrypt(Sm4Key, CmbCrypto.Iv(Uid), Convert.FromBase64String(_bank.RawData.First())));
        Assert.Equal(BankCallOutcome.Duplicate, again.Outcome);
        Assert.All(again.Value!.Items, i => Assert.True(i.Duplicate && i.BankReference is not null));
        // As the dispatch stages see it: the batch reference, then "already received".
        var sent = await adapter.SendPaymentFileAsync(paymentFile, file, CancellationToken.None);
        Assert.Equal(new SendOutcome.Duplicate("BATCH-P"), sent);
    }

    [Fact]
    public async Task Payroll_is_sent_as_one_batch_and_queried_per_line()
    {
        var adapter = Adapter();
        var lines = new[] { Pay("PAY-1", 8000m) with { CreditorBank = null }, Pay("PAY-2", 7000m) with { CreditorBank = null } };

        var payroll = File("SAL-202611", PaymentFileKind.Payroll, lines);
        var sent = await SendAsync(adapter, payroll);
        var status = await adapter.QueryAsync(payroll, CancellationToken.None);
        var resent = await SendAsync(adapter, payroll);

        Assert.Equal(BankCallOutcome.Success, sent.Outcome);
        Assert.All(sent.Value!.Items, i => Assert.Equal(new CmbPaymentStatus("OPR"), i.Status));
        Assert.All(sent.Value.Items, i => Assert.Equal(PaymentStatus.Accepted, i.Status!.Status));
        var header = _bank.Bodies.First()["bb6bthhlx1"]![0]!;
        Assert.Equal(("SAL-202611", "15000.00", "2"), (header["yurRef"]!.GetValue<string>(), header["ttlAmt"]!.GetValue<string>(), header["ttlCnt"]!.GetValue<string>()));
        Assert.Equal(["PAY-1", "PAY-2"], status.Value!.Items.Select(i => i.Reference));
        Assert.Equal([PaymentStatus.Completed, PaymentStatus.Rejected], status.Value.Items.Select(i => i.Status.Status));
        Assert.Equal("账户已销户", ((CmbPaymentStatus)status.Value.Items[1].Status).ErrTxt);
        Assert.Equal("账户已销户", status.Value.Items[1].Status.Reason);
        Assert.Equal(BankCallOutcome.Duplicate, resent.Outcome);
        Assert.All(resent.Value!.Items, i => Assert.True(i.Duplicate));
    }

    [Fact]
    public async Task Balances_are_read_as_decimals_with_iso_currency()
    {
        var result = await Adapter().GetBalancesAsync(new GetBalancesRequest(_connection, [Debtor]), CancellationToken.None);
        Assert.Equal(new AccountBalance(Debtor, "CNY", 1000000.25m, 999000.25m, 1000.00m, "测试企业"), Assert.Single(result.Value!));
    }

    [Fact]
    public async Task Transaction_details_page_with_the_continuation_key_as_cursor()
    {
        var adapter = Adapter();
        var from = new DateOnly(2026, 11, 1);
        var to = new DateOnly(2026, 11, 21);

        var first = await adapter.FetchStatementsAsync(new FetchStatementsRequest(_connection, Debtor, from, to, null, FirstOpenDay: to), CancellationToken.None);
        var second = await adapter.FetchStatementsAsync(new FetchStatementsRequest(_connection, Debtor, from, to, first.Value!.NextCursor, first.Value.NextPage, to), CancellationToken.None);

        // The range's pages are read on within the pull; the stored cursor moves only when the range is read to its end.
        Assert.Equal(("cmb.dctrsinf", "PAGE2", true, null), (first.Value.Kind, first.Value.NextPage, first.Value.HasMore, first.Value.NextCursor));
        Assert.Equal((null, false, "2026-11-21"), (second.Value!.NextPage, second.Value.HasMore, second.Value.NextCursor));
        Assert.Equal("PAGE2", JsonNode.Parse(second.Value.Content)!["ntqtsinfz"]![0]!["refnbr"]!.GetValue<string>());
        Assert.Equal("20261101", _bank.Bodies.First()["sdktsinfx"]![0]!["bgndat"]!.GetValue<string>());
    }

    [Fact]
    public async Task Receipt_comes_back_as_pdf_bytes()
    {
        var result = await Adapter().GetReceiptAsync(new GetReceiptRequest(_connection, Debtor, "K0001", new DateOnly(2026, 11, 20)), CancellationToken.None);
        Assert.Equal("%PDF-1.4 receipt"u8.ToArray(), result.Value!.Content);
        Assert.Equal("application/pdf", result.Value.ContentType);
        // The response envelope's SM2 signature, verified by the adapter, is kept with the receipt.
        Assert.Equal(64, Convert.FromBase64String(result.Value.BankSignature!).Length);
        var sent = _bank.Bodies.Last()["dcsigrecx1"]![0]!;
        Assert.Equal((Debtor, "20261120", "K0001"), (sent["accnbr"]!.GetValue<string>(), sent["trsdat"]!.GetValue<string>(), sent["refnbr"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Receipt_of_a_transaction_the_bank_does_not_know_yet_is_retryable()
    {
        var result = await Adapter().GetReceiptAsync(new GetReceiptRequest(_connection, Debtor, "K-LATER", new DateOnly(2026, 11, 20)), CancellationToken.None);
        Assert.Equal((BankCallOutcome.Retryable, CmbCloudAdapter.ReceiptNotReady), (result.Outcome, result.ErrorCode));
    }

    /// <summary>
    /// A profile that lists the family's capabilities without one: that operation answers the typed NotSupported and
    /// nothing reaches the bank (each of these operations succeeds against the same bank in the tests above).
    /// </summary>
    [Theory]
    [InlineData(BankCapability.Payments)]
    [InlineData(BankCapability.BatchPayments)]
    [InlineData(BankCapability.Payroll)]
    [InlineData(BankCapability.StatusQuery)]
    [InlineData(BankCapability.Balances)]
    [InlineData(BankCapability.Statements)]
    [InlineData(BankCapability.EReceipts)]
    public async Task A_capability_the_profile_removes_is_not_supported_and_never_sent(BankCapability removed)
    {
        var adapter = Adapter([.. new CmbCloudOptions().Capabilities.Where(c => c != removed)]);
        Assert.False(adapter.Capabilities.Has(removed));

        var outcome = removed switch
        {
            BankCapability.Payments => (await adapter.PreparePaymentFileAsync(Single("PAY-CAP"), CancellationToken.None)).Outcome,
            BankCapability.BatchPayments => (await adapter.PreparePaymentFileAsync(File("B-CAP", PaymentFileKind.Batch, Pay("PAY-CAP")), CancellationToken.None)).Outcome,
            BankCapability.Payroll => (await adapter.PreparePaymentFileAsync(File("S-CAP", PaymentFileKind.Payroll, Pay("PAY-CAP") with { CreditorBank = null }), CancellationToken.None)).Outcome,
            BankCapability.StatusQuery => (await adapter.QueryAsync(Single("PAY-CAP"), CancellationToken.None)).Outcome,
            BankCapability.Balances => (await adapter.GetBalancesAsync(new GetBalancesRequest(_connection, [Debtor]), CancellationToken.None)).Outcome,
            BankCapability.Statements => (await adapter.FetchStatementsAsync(
                new FetchStatementsRequest(_connection, Debtor, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 21), null), CancellationToken.None)).Outcome,
            _ => (await adapter.GetReceiptAsync(new GetReceiptRequest(_connection, Debtor, "K0001", new DateOnly(2026, 11, 20)), CancellationToken.None)).Outcome,
        };

        Assert.Equal(BankCallOutcome.NotSupported, outcome);
        Assert.Empty(_bank.Funcodes);
    }

    [Fact]
    public async Task Without_status_query_the_dispatch_stage_is_told_the_bank_cannot_be_asked()
    {
        var outcome = await Adapter([BankCapability.Payments]).QueryPaymentStatusAsync(Single("PAY-CAP"), CancellationToken.None);
        Assert.Equal(new StatusOutcome.Refused("NotSupported: Status query is not supported by this bank."), outcome);
        Assert.Empty(_bank.Funcodes);
    }

    [Fact]
    public async Task Plain_text_error_from_the_bank_is_terminal()
    {
        var stranger = await _store.CreateKeyAsync("stranger", SigningKeyKind.Sm2, CancellationToken.None);
        var badConnection = _connection with { Signer = _store.GetSigner(stranger.KeyId, SignatureAlgorithms.SM2SM3, CmbCrypto.UserId(Uid)) };

        var result = await SendAsync(Adapter(), Single("PAY-0005") with { Connection = badConnection });

        Assert.Equal(BankCallOutcome.Terminal, result.Outcome);
        Assert.Equal("CmbPlainTextError", result.ErrorCode);
        Assert.Contains("ErrMsg", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_bank.Ledger);
    }

    [Fact]
    public async Task Reply_with_a_forged_bank_signature_makes_a_send_an_unknown_outcome()
    {
        var forger = await _store.CreateKeyAsync("forger", SigningKeyKind.Sm2, CancellationToken.None);
        _bank.BankSigner = _store.GetSigner(forger.KeyId, SignatureAlgorithms.SM2SM3, CmbCrypto.UserId(Uid));
        var adapter = Adapter();

        var send = await SendAsync(adapter, Single("PAY-0006"));
        var read = await adapter.GetBalancesAsync(new GetBalancesRequest(_connection, [Debtor]), CancellationToken.None);

        Assert.Equal((BankCallOutcome.UnknownOutcome, "BankSignatureInvalid"), (send.Outcome, send.ErrorCode));
        Assert.Equal(BankCallOutcome.Terminal, read.Outcome);
    }

    [Theory]
    // A CNY amount with a third decimal cannot be built any more (Money refuses it); a KWD one can, and CMB's
    // two-decimal rule still refuses it.
    [InlineData("10.005", "KWD", "InvalidAmount")]
    [InlineData("0", "CNY", "InvalidAmount")]
    [InlineData("10", "USD", "UnsupportedCurrency")]
    public async Task Invalid_instructions_are_refused_before_anything_is_sent(string amount, string currency, string code)
    {
        var value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);
        var request = Single("PAY-0007") with { Payments = [Pay("PAY-0007", value, currency)] };
        var result = await SendAsync(Adapter(), request);
        Assert.Equal((BankCallOutcome.Terminal, code), (result.Outcome, result.ErrorCode));
        Assert.Empty(_bank.Funcodes);
    }

    [Fact]
    public async Task Payroll_in_two_currencies_is_refused_before_sending()
    {
        // One debit account per batch holds by construction (a file has one debtor); one currency is checked.
        var lines = new[] { Pay("PAY-1", 1m), Pay("PAY-2", 1m, "USD") };
        var result = await SendAsync(Adapter(), File("SAL-X", PaymentFileKind.Payroll, lines));
        Assert.Equal((BankCallOutcome.Terminal, "MixedPayrollBatch"), (result.Outcome, result.ErrorCode));
        Assert.Empty(_bank.Funcodes);
    }
}
