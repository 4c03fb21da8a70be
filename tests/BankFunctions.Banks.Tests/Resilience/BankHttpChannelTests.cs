using System.Collections.Concurrent;
using System.Diagnostics;
using BankFunctions.Banks.Resilience;
using BankFunctions.Banks.Tests.Fakes;
using BankFunctions.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace BankFunctions.Banks.Tests.Resilience;

public sealed class BankHttpChannelTests : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, int> _hits = new();
    private int _throttleFirst;
    private LoopbackServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new LoopbackServer(app =>
        {
            app.Use(async (context, next) =>
            {
                // Count only requests that fully arrived (body read), i.e. ones the bank could have acted on.
                await context.Request.Body.CopyToAsync(Stream.Null);
                _hits.AddOrUpdate(context.Request.Path, 1, (_, n) => n + 1);
                await next(context);
            });
            app.Map("/ok", () => Results.Ok());
            app.Map("/500", () => Results.StatusCode(500));
            app.Map("/400", () => Results.StatusCode(400));
            app.Map("/409", () => Results.Conflict(new { fileId = "F-1" }));
            app.Map("/429", (HttpContext context) =>
            {
                if (Interlocked.Decrement(ref _throttleFirst) >= 0)
                {
                    context.Response.Headers.RetryAfter = context.Request.Query["after"].ToString();
                    return Results.StatusCode(429);
                }
                return Results.Ok();
            });
            app.Map("/hang", async (HttpContext context) => await Task.Delay(Timeout.Infinite, context.RequestAborted));
            app.Map("/abort", (HttpContext context) => context.Abort());
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    // Generous default: a cold server under a parallel test run can take a while for its first JSON answer; tests
    // that expect a timeout pass a short one.
    private static BankResilienceOptions Fast(int retries = 2, int timeoutMs = 5000) => new()
    {
        AttemptTimeout = TimeSpan.FromMilliseconds(timeoutMs),
        MaxRetries = retries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromSeconds(2),
        BreakerMinimumThroughput = 100,
    };

    private BankHttpChannel Channel(BankResilienceOptions options, HttpMessageHandler? handler = null, Uri? baseAddress = null) =>
        new(new HttpClient(handler ?? new SocketsHttpHandler()) { BaseAddress = baseAddress ?? _server.BaseAddress, Timeout = Timeout.InfiniteTimeSpan }, options);

    private static BankHttpRequest Post(string path) => new(HttpMethod.Post, path, Idempotent: false, "<Document/>"u8.ToArray(), "application/xml");

    private int Hits(string path) => _hits.GetValueOrDefault(path);

    [Fact]
    public async Task Server_error_is_retryable_and_retried_with_the_same_request()
    {
        var response = await Channel(Fast()).SendAsync(Post("500"), CancellationToken.None);
        Assert.Equal(BankCallOutcome.Retryable, response.Outcome);
        Assert.Equal(500, response.Status);
        Assert.Equal(3, Hits("/500"));
    }

    [Fact]
    public async Task Throttling_waits_for_Retry_After_then_succeeds()
    {
        _throttleFirst = 1;
        var watch = Stopwatch.StartNew();
        var response = await Channel(Fast()).SendAsync(Post("429?after=1"), CancellationToken.None);
        Assert.Equal(BankCallOutcome.Success, response.Outcome);
        Assert.Equal(2, Hits("/429"));
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.95), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task Retry_After_longer_than_the_in_process_limit_is_handed_back_to_the_queue()
    {
        _throttleFirst = 5;
        var response = await Channel(Fast()).SendAsync(Post("429?after=60"), CancellationToken.None);
        Assert.Equal(BankCallOutcome.Retryable, response.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(60), response.RetryAfter);
        Assert.Equal(1, Hits("/429"));
    }

    [Fact]
    public async Task Hang_after_the_request_left_is_an_unknown_outcome_and_never_resent()
    {
        var response = await Channel(Fast(timeoutMs: 700)).SendAsync(Post("hang"), CancellationToken.None);
        Assert.Equal(BankCallOutcome.UnknownOutcome, response.Outcome);
        Assert.Equal(1, Hits("/hang"));
    }

    [Fact]
    public async Task Connection_aborted_after_the_request_left_is_an_unknown_outcome_and_never_resent()
    {
        var response = await Channel(Fast()).SendAsync(Post("abort"), CancellationToken.None);
        Assert.Equal(BankCallOutcome.UnknownOutcome, response.Outcome);
        Assert.Equal(1, Hits("/abort"));
    }

    [Fact]
    public async Task A_read_that_hangs_is_retryable_and_retried()
    {
        var response = await Channel(Fast(retries: 1, timeoutMs: 700)).SendAsync(new BankHttpRequest(HttpMethod.Get, "hang", Idempotent: true), CancellationToken.None);
        Assert.Equal(BankCallOutcome.Retryable, response.Outcome);
        Assert.Equal(2, Hits("/hang"));
    }

    [Fact]
    public async Task Connection_refused_is_retryable()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var response = await Channel(Fast(retries: 1), baseAddress: closed).SendAsync(Post("ok"), CancellationToken.None);
        Assert.Equal(BankCallOutcome.Retryable, response.Outcome);
        Assert.Contains("not sent", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_while_connecting_is_retryable_because_nothing_left()
    {
        var stuckConnect = new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                await Task.Delay(Timeout.Infinite, token);
                throw new InvalidOperationException("unreachable");
            },
        };
        var response = await Channel(Fast(retries: 1, timeoutMs: 700), stuckConnect).SendAsync(Post("ok"), CancellationToken.None);
        Assert.Equal(BankCallOutcome.Retryable, response.Outcome);
        Assert.Equal(0, Hits("/ok"));
    }

    [Theory]
    [InlineData("409", BankCallOutcome.Duplicate)]
    [InlineData("400", BankCallOutcome.Terminal)]
    [InlineData("ok", BankCallOutcome.Success)]
    public async Task Final_answers_are_not_retried(string path, BankCallOutcome expected)
    {
        var response = await Channel(Fast()).SendAsync(Post(path), CancellationToken.None);
        Assert.Equal(expected, response.Outcome);
        Assert.Equal(1, Hits("/" + path));
    }

    [Fact]
    public async Task Circuit_opens_after_repeated_failures_and_then_sends_nothing()
    {
        var options = Fast(retries: 0);
        options.BreakerMinimumThroughput = 2;
        options.BreakerFailureRatio = 0.5;
        options.BreakerBreakDuration = TimeSpan.FromSeconds(30);
        var channel = Channel(options);

        await channel.SendAsync(Post("500"), CancellationToken.None);
        await channel.SendAsync(Post("500"), CancellationToken.None);
        var third = await channel.SendAsync(Post("500"), CancellationToken.None);

        Assert.Equal(BankCallOutcome.Retryable, third.Outcome);
        Assert.Equal("circuit open", third.Error);
        Assert.Equal(2, Hits("/500"));
    }

    [Theory]
    [InlineData(200, BankCallOutcome.Success)]
    [InlineData(202, BankCallOutcome.Success)]
    [InlineData(400, BankCallOutcome.Terminal)]
    [InlineData(401, BankCallOutcome.Terminal)]
    [InlineData(403, BankCallOutcome.Terminal)]
    [InlineData(404, BankCallOutcome.Terminal)]
    [InlineData(408, BankCallOutcome.Retryable)]
    [InlineData(409, BankCallOutcome.Duplicate)]
    [InlineData(429, BankCallOutcome.Retryable)]
    [InlineData(500, BankCallOutcome.Retryable)]
    [InlineData(503, BankCallOutcome.Retryable)]
    public void Status_classification(int status, BankCallOutcome expected) =>
        Assert.Equal(expected, BankCallClassifier.FromStatus(status));
}
