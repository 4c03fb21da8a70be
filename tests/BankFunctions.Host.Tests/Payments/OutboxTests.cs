using System.Net.Http.Json;
using BankFunctions.Features.Outbox;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Payments;

/// <summary>The process "dies" between the acceptance transaction and the enqueue: the enqueue never happens.</summary>
public sealed class CrashBeforeEnqueueFixture : IAsyncLifetime
{
    public HostFixture Host { get; } = new();

    public async Task InitializeAsync()
    {
        Host.OverrideServices = services => services.AddSingleton<IQueueSender, LostMessages>();
        await Host.InitializeAsync();
    }

    public Task DisposeAsync() => Host.DisposeAsync();

    private sealed class LostMessages : IQueueSender
    {
        public Task SendAsync(string queueName, string body, TimeSpan? visibilityDelay = null, CancellationToken cancellationToken = default) =>
            throw new IOException("simulated crash before the enqueue");
    }
}

public sealed class OutboxTests(CrashBeforeEnqueueFixture fixture) : IClassFixture<CrashBeforeEnqueueFixture>
{
    [Fact]
    public async Task Approved_payment_whose_enqueue_was_lost_is_enqueued_by_the_sweep()
    {
        var host = fixture.Host;
        var t = await host.CreateTenantWithAccountsAsync();
        using (var admin = host.Client(t.Key("admin")))
        {
            (await admin.PutAsJsonAsync("v1/approval-rules", new { rules = new[] { new { currency = "EUR", minAmount = "0.00", approvals = 0 } } })).EnsureSuccessStatusCode();
        }
        using var submitter = host.Client(t.Key("submitter"));
        var response = await Submit(submitter, EurPayment(t.EurAccount));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var id = (await Json(response)).GetProperty("id").GetString()!;

        var storage = host.Services.GetRequiredService<StorageClients>();
        var queue = storage.Queues.GetQueueClient(QueueNames.PaymentsSign);
        Assert.DoesNotContain((await queue.PeekMessagesAsync(32)).Value, m => m.Body.ToString().Contains(id, StringComparison.Ordinal));

        var sender = new StorageQueueSender(storage);
        // Before the grace period nothing is re-driven (the normal enqueue may still be on its way).
        await new OutboxSweep(storage, sender, TimeProvider.System, NullLogger<OutboxSweep>.Instance).RunAsync(new TimerTick("OutboxSweep", DateTimeOffset.UtcNow, null), default);
        Assert.DoesNotContain((await queue.PeekMessagesAsync(32)).Value, m => m.Body.ToString().Contains(id, StringComparison.Ordinal));

        var later = new ShiftedClock(TimeSpan.FromMinutes(3));
        await new OutboxSweep(storage, sender, later, NullLogger<OutboxSweep>.Instance).RunAsync(new TimerTick("OutboxSweep", later.GetUtcNow(), null), default);
        await new OutboxSweep(storage, sender, later, NullLogger<OutboxSweep>.Instance).RunAsync(new TimerTick("OutboxSweep", later.GetUtcNow(), null), default);
        var found = (await queue.PeekMessagesAsync(32)).Value.Count(m => m.Body.ToString().Contains(id, StringComparison.Ordinal));
        Assert.Equal(1, found);
    }

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
