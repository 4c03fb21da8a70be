using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Features.Dispatch;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Runtime;
using BankFunctions.Host.Tests.Api;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Payments;

/// <summary>
/// Cancelling a signing payment while its bank file waits for the bank, against the real stages (driven by hand: the
/// host's queue processors are off) and a bank at an unused port, so every send is refused before a byte leaves.
/// </summary>
public sealed class CancelWhileWaitingTests(UnreachableBankFixture fixture) : IClassFixture<UnreachableBankFixture>
{
    private readonly HostFixture host = fixture.Host;

    private StorageClients Storage => host.Services.GetRequiredService<StorageClients>();

    private async Task<TestTenant> TenantWithoutApprovalsAsync()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(t.Key("admin"));
        (await admin.PutAsJsonAsync("v1/approval-rules", new { rules = new[] { new { currency = "EUR", minAmount = "0.00", approvals = 0 } } })).EnsureSuccessStatusCode();
        return t;
    }

    private async Task SignAsync(string paymentId)
    {
        var sign = (await Storage.Queues.GetQueueClient(QueueNames.PaymentsSign).PeekMessagesAsync(32)).Value
            .First(m => m.Body.ToString().Contains(paymentId, StringComparison.Ordinal));
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SignPayments>().InvokeAsync(
            new QueueMessageContext(QueueNames.PaymentsSign, sign.MessageId, sign.Body.ToString(), 1, DateTimeOffset.UtcNow), default);
    }

    private async Task DispatchAsync(string tenantId, string fileId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DispatchPayments>().HandleAsync(
            new QueueMessageContext(QueueNames.PaymentsDispatch, "m-" + fileId, new FileMessage(tenantId, fileId).ToJson(), 1, DateTimeOffset.UtcNow), default);
    }

    private async Task<BankFileRow> FileOfAsync(string tenantId, string paymentId)
    {
        var payment = await host.Services.GetRequiredService<PaymentStore>().FindAsync(tenantId, paymentId, default);
        return (await host.Services.GetRequiredService<BankFileStore>().FindAsync(tenantId, payment!.FileId!, default))!;
    }

    private async Task<string> SubmitAndSignAsync(TestTenant t, HttpClient submitter, string value)
    {
        var id = (await Json(await Submit(submitter, EurPayment(t.EurAccount, value)))).GetProperty("id").GetString()!;
        await SignAsync(id);
        return id;
    }

    [Fact]
    public async Task A_payment_waiting_for_its_bank_shows_the_wait_and_can_be_cancelled_and_is_never_sent_after()
    {
        var t = await TenantWithoutApprovalsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var id = await SubmitAndSignAsync(t, submitter, "41.00");
        var fileId = (await FileOfAsync(t.Id, id)).FileId;
        await DispatchAsync(t.Id, fileId);
        var file = await FileOfAsync(t.Id, id);
        Assert.Equal(("prepared", 1, 1), (file.State, file.BankWaits, file.SendAttempts));

        using var viewer = host.Client(t.Key("viewer"));
        var waiting = await viewer.GetFromJsonAsync<JsonElement>($"v1/payments/{id}");
        Assert.Equal("signing", waiting.GetProperty("status").GetString());
        Assert.Equal(file.BankUnavailableSince, waiting.GetProperty("bankUnavailableSince").GetDateTimeOffset());
        Assert.True(waiting.GetProperty("nextAttemptAt").GetDateTimeOffset() > file.BankUnavailableSince);
        Assert.Equal("Transport", waiting.GetProperty("lastErrorCode").GetString());

        var cancelled = await Json(await Act(submitter, $"v1/payments/{id}/cancel"));
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.False(cancelled.TryGetProperty("bankUnavailableSince", out _));
        file = await FileOfAsync(t.Id, id);
        Assert.Equal("final", file.State);

        // The waiting file's next dispatch (its delayed message, or the outbox sweep) finds it settled: no send, and
        // the outbox row that would re-drive it is gone.
        await DispatchAsync(t.Id, fileId);
        file = await FileOfAsync(t.Id, id);
        Assert.Equal(("final", 1, 1), (file.State, file.BankWaits, file.SendAttempts));
        Assert.False((await Storage.Table(TableNames.TenantData).GetEntityIfExistsAsync<OutboxRow>(
            TableKeys.TenantPartition(t.Id), TableKeys.OutboxRow(fileId))).HasValue);
        Assert.Equal("cancelled", (await viewer.GetFromJsonAsync<JsonElement>($"v1/payments/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cancel_that_commits_between_dispatch_reading_the_file_and_claiming_it_makes_the_claim_fail()
    {
        var t = await TenantWithoutApprovalsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var id = await SubmitAndSignAsync(t, submitter, "42.00");
        var files = host.Services.GetRequiredService<BankFileStore>();
        // Dispatch's first step: read the prepared file.
        var seenByDispatch = await FileOfAsync(t.Id, id);
        Assert.Equal("prepared", seenByDispatch.State);

        Assert.Equal("cancelled", (await Json(await Act(submitter, $"v1/payments/{id}/cancel"))).GetProperty("status").GetString());

        // Dispatch's next step, exactly as DispatchPayments does it before anything leaves: claim the file as sending.
        seenByDispatch.State = BankFileStates.Sending;
        seenByDispatch.SendAttempts++;
        Assert.False(await files.TryUpdateAsync(seenByDispatch, default));
        var file = await FileOfAsync(t.Id, id);
        Assert.Equal(("final", 0), (file.State, file.SendAttempts));
    }

    [Fact]
    public async Task Cancel_after_dispatch_claimed_the_file_is_refused_because_the_bank_may_have_it()
    {
        var t = await TenantWithoutApprovalsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var id = await SubmitAndSignAsync(t, submitter, "43.00");
        var claimed = await FileOfAsync(t.Id, id);
        claimed.State = BankFileStates.Sending;
        Assert.True(await host.Services.GetRequiredService<BankFileStore>().TryUpdateAsync(claimed, default));

        var refused = await Act(submitter, $"v1/payments/{id}/cancel");
        var text = await refused.Content.ReadAsStringAsync();
        await BadInputTests.AssertProblem(refused, 409, null);
        Assert.Contains("sending", text, StringComparison.Ordinal);
        using var viewer = host.Client(t.Key("viewer"));
        Assert.Equal("signing", (await viewer.GetFromJsonAsync<JsonElement>($"v1/payments/{id}")).GetProperty("status").GetString());
        Assert.Equal("sending", (await FileOfAsync(t.Id, id)).State);
    }

    [Fact]
    public async Task A_payment_signed_into_a_file_with_others_is_refused_with_a_409_that_says_so()
    {
        var t = await TenantWithoutApprovalsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var first = (await Json(await Submit(submitter, EurPayment(t.EurAccount, "44.00")))).GetProperty("id").GetString()!;
        var second = (await Json(await Submit(submitter, EurPayment(t.EurAccount, "45.00")))).GetProperty("id").GetString()!;
        await SignAsync(first);
        var file = await FileOfAsync(t.Id, first);
        Assert.Equal((2, "prepared"), (file.PaymentCount, file.State));
        Assert.Equal(file.FileId, (await FileOfAsync(t.Id, second)).FileId);

        var refused = await Act(submitter, $"v1/payments/{second}/cancel");
        var text = await refused.Content.ReadAsStringAsync();
        await BadInputTests.AssertProblem(refused, 409, null);
        Assert.Contains("1 other payment", text, StringComparison.Ordinal);
        Assert.Equal("prepared", (await FileOfAsync(t.Id, first)).State);
    }
}
