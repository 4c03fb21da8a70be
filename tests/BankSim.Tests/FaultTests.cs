using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace BankSim.Tests;

/// <summary>Each fault kind of BANKS.md §C. Faults are global to the simulator, so these tests run one at a time in their own collection.</summary>
[Collection(FaultCollection.Name)]
public sealed class FaultTests(FaultFixture fixture) : IDisposable
{
    private BankSimFixture Sim => fixture.Sim;

    private async Task Fault(string bank, string route, string kind, int count = 1) =>
        (await Sim.Client.PostAsJsonAsync("_sim/faults", new { bank, route, kind, probability = 1.0, count })).EnsureSuccessStatusCode();

    public void Dispose() => Sim.Client.DeleteAsync("_sim/faults").GetAwaiter().GetResult();

    private byte[] File(IsoClient c, string e2e) =>
        Pain001Builder.Build("MSG" + Guid.NewGuid().ToString("N")[..20], c.DebtorIban, [new(e2e, 5m, "GB82WEST12345698765432")]);

    [Fact]
    public async Task Error500_and_error429_answer_before_processing()
    {
        var c = await IsoClient.CreateAsync(Sim);
        await Fault("simbank-iso", "/iso/v1/payment-files", "error500");
        var body = File(c, "E2E-500");
        Assert.Equal(HttpStatusCode.InternalServerError, (await c.SendAsync(body)).StatusCode);
        await Fault("simbank-iso", "/iso/v1/payment-files", "error429");
        var throttled = await c.SendAsync(body);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), throttled.Headers.RetryAfter?.Delta);
        // Nothing was received: the same file goes through afterwards, once.
        Assert.Equal(HttpStatusCode.Accepted, (await c.SendAsync(body)).StatusCode);
    }

    [Fact]
    public async Task Reset_drops_the_connection_without_processing()
    {
        var c = await IsoClient.CreateAsync(Sim);
        await Fault("simbank-iso", "/iso/v1/payment-files", "reset");
        var body = File(c, "E2E-RESET");
        await Assert.ThrowsAsync<HttpRequestException>(() => c.SendAsync(body));
        Assert.Equal(HttpStatusCode.Accepted, (await c.SendAsync(body)).StatusCode);
    }

    [Fact]
    public async Task Slow_delays_the_answer()
    {
        var c = await IsoClient.CreateAsync(Sim);
        await Fault("simbank-iso", "/iso/v1/payment-files", "slow");
        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Accepted, (await c.SendAsync(File(c, "E2E-SLOW"))).StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task TimeoutAfterCommit_executes_but_never_answers()
    {
        var c = await IsoClient.CreateAsync(Sim);
        await Fault("simbank-iso", "/iso/v1/payment-files", "timeoutAfterCommit");
        var e2e = "E2E-TAC" + Guid.NewGuid().ToString("N")[..8];
        var body = File(c, e2e);
        await Assert.ThrowsAnyAsync<Exception>(() => c.SendAsync(body));
        // The bank has it: a resend is refused as a duplicate and the payment executes exactly once.
        Assert.Equal(HttpStatusCode.Conflict, (await c.SendAsync(body)).StatusCode);
        // Wait for the execution (it settles in the background) rather than guess how long it takes, then count it.
        var counted = new Regex($"\"reference\":\"{Regex.Escape(e2e)}\",\"executions\":([1-9][0-9]*)");
        var executions = counted.Match(await Sim.Client.GetStringAsync("_sim/ledger"));
        for (var deadline = DateTime.UtcNow.AddSeconds(15); !executions.Success && DateTime.UtcNow < deadline; executions = counted.Match(await Sim.Client.GetStringAsync("_sim/ledger")))
        {
            await Task.Delay(50);
        }
        Assert.Equal("1", executions.Groups[1].Value);
    }

    [Fact]
    public async Task DuplicateStatus_serves_an_earlier_report_again()
    {
        var c = await IsoClient.CreateAsync(Sim);
        var fileId = await c.SendOkAsync(File(c, "E2E-DUP"));
        var last = (await c.WaitForAsync(fileId, "ACSC")).ToString(SaveOptions.DisableFormatting);
        // A fresh report's MsgId and CreDtTm carry the time to the millisecond, so a fresh one cannot equal the last.
        await Task.Delay(10);
        await Fault("simbank-iso", "/iso/v1/payment-files", "duplicateStatus");
        var stale = (await c.StatusAsync(fileId)).ToString(SaveOptions.DisableFormatting);
        Assert.Equal(last, stale); // the last report served, again, verbatim
        await Task.Delay(10);
        var fresh = await c.StatusAsync(fileId); // the one-shot fault is spent
        Assert.NotEqual(last, fresh.ToString(SaveOptions.DisableFormatting));
        Assert.Equal("ACSC", Pain002.GroupStatus(fresh));
    }

    [Fact]
    public async Task Bounce_returns_a_settled_payment_with_RtrInf_and_rtnFlg_B()
    {
        // The bounce goes to the first transaction that settles once the rule exists, so no file of an earlier test in
        // this fixture (its own simulator, tests one at a time) may still be on its way: start from an empty simulator,
        // and see that it is, rather than wait and hope they have settled.
        (await Sim.Client.PostAsync("_sim/reset", null)).EnsureSuccessStatusCode();
        Assert.Equal("{\"entries\":[]}", await Sim.Client.GetStringAsync("_sim/ledger"));
        var c = await IsoClient.CreateAsync(Sim);
        await Fault("simbank-iso", "/iso/v1/payment-files", "bounce");
        var e2e = "E2E-BNC" + Guid.NewGuid().ToString("N")[..8];
        var fileId = await c.SendOkAsync(File(c, e2e));
        await c.WaitForAsync(fileId, "ACSC");
        // The return is booked BounceAfter past settlement; poll rather than guess how long a loaded machine needs.
        var notifications = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(15); !notifications.Contains("<RtrInf>", StringComparison.Ordinal) && DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            notifications = Encoding.UTF8.GetString(await Sim.Client.GetByteArrayAsync($"iso/v1/accounts/{c.DebtorIban}/notifications"));
        }
        Assert.Contains("<RtrInf>", notifications);
        Assert.Contains("<Cd>AC04</Cd>", notifications);
        Assert.Contains($"\"reference\":\"{e2e}\",\"executions\":1,", await Sim.Client.GetStringAsync("_sim/ledger"));

        var account = "7559" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var cmb = await CmbClient.CreateAsync(Sim, accounts: account);
        await Fault("simbank-cmb", "*", "bounce");
        var yurRef = "YB" + Guid.NewGuid().ToString("N")[..18];
        await cmb.CallAsync("BB1PAYOP", CmbClient.Payment(yurRef, account, "6225880112345678", "10.00"));
        // The bounce comes BounceAfter past settlement: poll for it rather than guess how long a loaded machine needs.
        var status = await cmb.WaitForFinalAsync(yurRef);
        for (var deadline = DateTime.UtcNow.AddSeconds(15); status["rtnFlg"]?.GetValue<string>() != "B" && DateTime.UtcNow < deadline; status = await cmb.WaitForFinalAsync(yurRef))
        {
            await Task.Delay(50);
        }
        Assert.Equal("B", status["rtnFlg"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cmb_faults_match_on_funcode()
    {
        var account = "7559" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var cmb = await CmbClient.CreateAsync(Sim, accounts: account);
        await Fault("simbank-cmb", "NTQACINF", "error500");
        var body = new JsonObject { ["ntqacinfx"] = new JsonArray(new JsonObject { ["accnbr"] = account }) };
        await Assert.ThrowsAnyAsync<Exception>(() => cmb.CallAsync("NTQACINF", body));
        var ok = await cmb.CallAsync("NTQACINF", body);
        Assert.Equal("SUC0000", ok["response"]!["head"]!["resultcode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_fault_kind_is_refused()
    {
        var response = await Sim.Client.PostAsJsonAsync("_sim/faults", new { bank = "simbank-iso", route = "*", kind = "meteor", probability = 1.0 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

public sealed class FaultFixture : IAsyncLifetime
{
    public BankSimFixture Sim { get; } = new();

    public Task InitializeAsync() => Sim.InitializeAsync();

    public Task DisposeAsync() => Sim.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultFixture>
{
    public const string Name = "banksim-faults";
}
