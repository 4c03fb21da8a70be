using System.Net.Http.Headers;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace BankFunctions.Banks.Resilience;

/// <summary>
/// Sends requests to one bank and returns classified responses. One instance per bank: it owns that bank's circuit
/// breaker. Pipeline (outer → inner): jittered exponential retry of <see cref="BankCallOutcome.Retryable"/> only
/// (honouring Retry-After) → circuit breaker (opens on retryable and unknown-outcome failures) → per-attempt timeout.
/// Unknown outcomes and duplicates are never retried here.
/// </summary>
public sealed class BankHttpChannel
{
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<BankHttpResponse> _pipeline;
    private readonly TimeProvider _time;
    private readonly BankResilienceOptions _options;
    private readonly CircuitBreakerStateProvider _circuit = new();

    /// <param name="http">BaseAddress = the bank's base URL; its own Timeout should be infinite (the pipeline times attempts).</param>
    public BankHttpChannel(HttpClient http, BankResilienceOptions options, TimeProvider? time = null)
    {
        _http = http;
        _options = options;
        _time = time ?? TimeProvider.System;
        var builder = new ResiliencePipelineBuilder<BankHttpResponse> { TimeProvider = _time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<BankHttpResponse>
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result is { Outcome: BankCallOutcome.Retryable } r && (r.RetryAfter is null || r.RetryAfter <= options.MaxRetryDelay)),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
            });
        }
        _pipeline = builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<BankHttpResponse>
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result?.Outcome is BankCallOutcome.Retryable or BankCallOutcome.UnknownOutcome),
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                StateProvider = _circuit,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>The bank's circuit as telemetry reports it: closed, open, half_open or isolated.</summary>
    public string CircuitState => _circuit.CircuitState switch
    {
        Polly.CircuitBreaker.CircuitState.Open => "open",
        Polly.CircuitBreaker.CircuitState.HalfOpen => "half_open",
        Polly.CircuitBreaker.CircuitState.Isolated => "isolated",
        _ => "closed",
    };

    /// <summary>Relative request paths resolve under the base URL only when it ends with '/'; "https://bank/api" would lose "api".</summary>
    public static Uri AsBaseAddress(Uri baseUrl) =>
        baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");

    public async Task<BankHttpResponse> SendAsync(BankHttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                (token) => new ValueTask<BankHttpResponse>(AttemptAsync(request, token, cancellationToken)),
                cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException e)
        {
            // Open circuit: nothing was sent.
            return new BankHttpResponse(BankCallOutcome.Retryable, null, [], RetryAfter: e.RetryAfter ?? _options.BreakerBreakDuration, Error: "circuit open");
        }
    }

    private async Task<BankHttpResponse> AttemptAsync(BankHttpRequest request, CancellationToken attemptToken, CancellationToken callerToken)
    {
        using var message = new HttpRequestMessage(request.Method, request.RelativeUri);
        SendTrackingContent? content = null;
        if (request.Body is not null)
        {
            content = new SendTrackingContent(request.Body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType ?? "application/octet-stream");
            message.Content = content;
        }
        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>())
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
        // Without a body (GET) the request leaves as soon as the connection is up; only reads are sent without one.
        var sent = () => content?.Started ?? true;
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attemptToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(attemptToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return new BankHttpResponse(
                BankCallClassifier.FromStatus(status),
                status,
                body,
                response.Content.Headers.ContentType?.ToString(),
                BankCallClassifier.RetryAfter(response.Headers.RetryAfter, _time.GetUtcNow()));
        }
        catch (OperationCanceledException) when (callerToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
        {
            var outcome = BankCallClassifier.FromTransportFailure(sent(), request.Idempotent);
            var what = e is OperationCanceledException ? "attempt timed out" : BankCallClassifier.Describe(e);
            return new BankHttpResponse(outcome, null, [], Error: $"{what} (request {(sent() ? "sent" : "not sent")})");
        }
    }
}
