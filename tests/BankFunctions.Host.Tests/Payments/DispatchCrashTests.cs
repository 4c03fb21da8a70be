using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using BankFunctions.Banks;
using BankFunctions.Features;
using BankFunctions.Features.Accounts;
using BankFunctions.Features.BankConnections;
using BankFunctions.Host.Tests.Api;
using BankFunctions.Host.Tests.Runtime;
using BankFunctions.Features.Dispatch;
using BankFunctions.Features.Outbox;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Payments;

/// <summary>
/// The process dies the moment dispatch has written the file as "sent" (found by ./bench.sh chaos, which SIGKILLs the
/// host): whatever was committed must still lead to status polling, or the payments stay "sent" for good.
/// </summary>
public sealed class DispatchCrashTests(UnreachableBankFixture fixture) : IClassFixture<UnreachableBankFixture>
{
    // Configured with a bank at an unused port: the file is prepared by the real ISO adapter, and the bank that
    // "accepts" it below never touches the network.
    private readonly HostFixture host = fixture.Host;

    [Fact]
    public async Task Crash_right_after_the_file_is_marked_sent_leaves_status_polling_to_the_outbox_sweep()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using (var admin = host.Client(t.Key("admin")))
        {
            (await admin.PutAsJsonAsync("v1/approval-rules", new { rules = new[] { new { currency = "EUR", minAmount = "0.00", approvals = 0 } } })).EnsureSuccessStatusCode();
        }
        using var submitter = host.Client(t.Key("submitter"));
        var id = (await Json(await Submit(submitter, EurPayment(t.EurAccount)))).GetProperty("id").GetString()!;
        var storage = host.Services.GetRequiredService<StorageClients>();
        var sign = (await storage.Queues.GetQueueClient(QueueNames.PaymentsSign).PeekMessagesAsync(32)).Value
            .First(m => m.Body.ToString().Contains(id, StringComparison.Ordinal));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SignPayments>().InvokeAsync(
                new QueueMessageContext(QueueNames.PaymentsSign, sign.MessageId, sign.Body.ToString(), 1, DateTimeOffset.UtcNow), default);
        }
        var fileId = (await host.Services.GetRequiredService<PaymentStore>().FindAsync(t.Id, id, default))!.FileId!;

        var crash = new CrashAfterFileSent();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow); // times the first status poll, which is waited out in process
        var dying = new StorageClients(host.Services.GetRequiredService<StorageOptions>(), null, crash);
        var files = new BankFileStore(dying, TimeProvider.System, host.Services.GetRequiredService<AuditRows>());
        var adapters = host.Services.GetRequiredService<BankAdapters>();
        var bank = new AcceptingBank(adapters.Payments("simbank-iso"));
        var dispatch = new DispatchPayments(dying, files, new AcceptingBankFiles(dying, host.Services.GetRequiredService<AccountCache>(), files, adapters, bank),
            new StorageQueueSender(dying),
            new BankWaits(files, new StorageQueueSender(dying), TimeProvider.System, new BankWaitOptions(), new BankWaitBoard(dying, TimeProvider.System), NullLogger<BankWaits>.Instance),
            new BankWaitBoard(dying, TimeProvider.System), new BatchOutcomes(new PaymentStore(dying)), clock, NullLogger<DispatchPayments>.Instance);
        var message = new QueueMessageContext(QueueNames.PaymentsDispatch, "m1", new FileMessage(t.Id, fileId).ToJson(), 1, DateTimeOffset.UtcNow);
        try
        {
            await dispatch.HandleAsync(message, default);
        }
        catch (IOException)
        {
            // The "process" died mid-handler.
        }
        Assert.True(crash.Crashed);
        // The first poll, due after FirstStatusPoll, is sent in the background: let it come due and see it die too.
        // (Advanced on every check: the background wait may start after the first advance.)
        await RuntimeHarness.WaitUntil(() =>
        {
            clock.Advance(DispatchPayments.FirstStatusPoll);
            return Task.FromResult(crash.Refused.Any(uri => uri.Contains($"/{QueueNames.PaymentsStatus}/messages", StringComparison.Ordinal)));
        }, TimeSpan.FromSeconds(20));
        Assert.DoesNotContain((await storage.Queues.GetQueueClient(QueueNames.PaymentsStatus).PeekMessagesAsync(32)).Value,
            m => m.Body.ToString().Contains(fileId, StringComparison.Ordinal));

        // After the status outbox row's due time (poll interval + grace) a sweep on a healthy instance re-drives polling.
        var later = new ShiftedClock(TimeSpan.FromMinutes(8));
        await new OutboxSweep(storage, new StorageQueueSender(storage), later, NullLogger<OutboxSweep>.Instance)
            .RunAsync(new TimerTick("OutboxSweep", later.GetUtcNow(), null), default);
        var status = (await storage.Queues.GetQueueClient(QueueNames.PaymentsStatus).PeekMessagesAsync(32)).Value;
        Assert.Contains(status, m => m.Body.ToString().Contains(fileId, StringComparison.Ordinal));
    }

    /// <summary>Storage as seen by a process that is killed right after a write that marks a file "sent" succeeds.</summary>
    private sealed class CrashAfterFileSent : HttpPipelinePolicy
    {
        public bool Crashed { get; private set; }

        /// <summary>The requests the dead process still tried to make.</summary>
        public ConcurrentQueue<string> Refused { get; } = new();

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (Crashed)
            {
                Refused.Enqueue(message.Request.Uri.ToString());
                throw new IOException("simulated crash: the process is gone");
            }
            var marksFileSent = false;
            if (message.Request.Content is { } content)
            {
                using var buffer = new MemoryStream();
                await content.WriteToAsync(buffer, message.CancellationToken);
                marksFileSent = Encoding.UTF8.GetString(buffer.ToArray()).Contains("\"State\":\"sent\"", StringComparison.Ordinal);
            }
            await ProcessNextAsync(message, pipeline);
            Crashed |= marksFileSent && message.Response.Status < 300;
        }
    }

    /// <summary>The ISO adapter's real file building, with a bank that takes every file.</summary>
    private sealed class AcceptingBank(IBankAdapter real) : IBankAdapter
    {
        public string BankId => real.BankId;

        public BankCapabilities Capabilities => real.Capabilities;

        public Task<BankResult<PreparedPaymentFile>> PreparePaymentFileAsync(PaymentFile file, CancellationToken cancellationToken) =>
            real.PreparePaymentFileAsync(file, cancellationToken);

        public Task<SendOutcome> SendPaymentFileAsync(PaymentFile file, PreparedPaymentFile prepared, CancellationToken cancellationToken) =>
            Task.FromResult<SendOutcome>(new SendOutcome.Accepted("BANKFILE-1"));

        public Task<StatusOutcome> QueryPaymentStatusAsync(PaymentFile file, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("not expected: the file was never in doubt");

        public Task<BankResult<IReadOnlyList<AccountBalance>>> GetBalancesAsync(GetBalancesRequest request, CancellationToken cancellationToken) =>
            real.GetBalancesAsync(request, cancellationToken);

        public Task<BankResult<StatementChunk>> FetchStatementsAsync(FetchStatementsRequest request, CancellationToken cancellationToken) =>
            real.FetchStatementsAsync(request, cancellationToken);

        public Task<BankResult<Receipt>> GetReceiptAsync(GetReceiptRequest request, CancellationToken cancellationToken) =>
            real.GetReceiptAsync(request, cancellationToken);
    }

    /// <summary>The files' requests as dispatch loads them, with <paramref name="bank"/> standing in for their bank.</summary>
    private sealed class AcceptingBankFiles(StorageClients storage, AccountCache accounts, BankFileStore files, BankAdapters adapters, IBankAdapter bank)
        : BankFileRequests(storage, accounts, files, adapters)
    {
        protected override IBankAdapter AdapterFor(string bankId) => bank;
    }

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
