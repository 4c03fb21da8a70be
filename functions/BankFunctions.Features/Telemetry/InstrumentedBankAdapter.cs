using System.Diagnostics;
using BankFunctions.Banks;

namespace BankFunctions.Features.Telemetry;

/// <summary>
/// The bank interface (<see cref="IBankAdapter"/>, the one boundary between the gateway and its banks) with a span and
/// the bank-call metrics around every operation: bank, operation, outcome class (<see cref="BankCallOutcome"/> as the
/// adapter classified it; "Exception" when the call threw) and duration. The span is a client span under the current
/// activity (the queue message's "process …" span), so the journey's trace reaches the bank call; .NET's HttpClient
/// then carries it on in its traceparent header. Wraps every adapter <c>BankAdapters</c> builds.
/// </summary>
public sealed class InstrumentedBankAdapter(IBankAdapter inner, BankCallWindow window) : IBankAdapter
{
    public const string Prepare = "prepare_payment_file";
    public const string Send = "send_payment_file";
    public const string StatusQuery = "query_payment_status";
    public const string Balances = "get_balances";
    public const string Statements = "fetch_statements";
    public const string ReceiptOperation = "get_receipt";

    public string BankId => inner.BankId;

    public BankCapabilities Capabilities => inner.Capabilities;

    public Task<BankResult<PreparedPaymentFile>> PreparePaymentFileAsync(PaymentFile file, CancellationToken cancellationToken) =>
        Measure(Prepare, () => inner.PreparePaymentFileAsync(file, cancellationToken), r => r.Outcome);

    public Task<SendOutcome> SendPaymentFileAsync(PaymentFile file, PreparedPaymentFile prepared, CancellationToken cancellationToken) =>
        Measure(Send, () => inner.SendPaymentFileAsync(file, prepared, cancellationToken), OutcomeOf);

    public Task<StatusOutcome> QueryPaymentStatusAsync(PaymentFile file, CancellationToken cancellationToken) =>
        Measure(StatusQuery, () => inner.QueryPaymentStatusAsync(file, cancellationToken), OutcomeOf);

    public Task<BankResult<IReadOnlyList<AccountBalance>>> GetBalancesAsync(GetBalancesRequest request, CancellationToken cancellationToken) =>
        Measure(Balances, () => inner.GetBalancesAsync(request, cancellationToken), r => r.Outcome);

    public Task<BankResult<StatementChunk>> FetchStatementsAsync(FetchStatementsRequest request, CancellationToken cancellationToken) =>
        Measure(Statements, () => inner.FetchStatementsAsync(request, cancellationToken), r => r.Outcome);

    public Task<BankResult<Receipt>> GetReceiptAsync(GetReceiptRequest request, CancellationToken cancellationToken) =>
        Measure(ReceiptOperation, () => inner.GetReceiptAsync(request, cancellationToken), r => r.Outcome);

    /// <summary>A send's or status query's outcome in the classes every other operation reports.</summary>
    public static BankCallOutcome OutcomeOf(SendOutcome outcome) => outcome switch
    {
        SendOutcome.Accepted => BankCallOutcome.Success,
        SendOutcome.Duplicate => BankCallOutcome.Duplicate,
        SendOutcome.Retryable => BankCallOutcome.Retryable,
        SendOutcome.UnknownOutcome => BankCallOutcome.UnknownOutcome,
        _ => BankCallOutcome.Terminal,
    };

    /// <summary>"Not found" is an answer (the bank has no such file), so a success of the call.</summary>
    public static BankCallOutcome OutcomeOf(StatusOutcome outcome) => outcome switch
    {
        StatusOutcome.Found or StatusOutcome.NotFound => BankCallOutcome.Success,
        StatusOutcome.Unavailable => BankCallOutcome.Retryable,
        _ => BankCallOutcome.Terminal,
    };

    private async Task<T> Measure<T>(string operation, Func<Task<T>> call, Func<T, BankCallOutcome> outcomeOf)
    {
        using var activity = Telemetry.Source.StartActivity($"bank {operation}", ActivityKind.Client);
        activity?.SetTag(Telemetry.BankTag, inner.BankId);
        activity?.SetTag(Telemetry.OperationTag, operation);
        var started = Stopwatch.GetTimestamp();
        var outcome = "Exception";
        try
        {
            var result = await call();
            var classified = outcomeOf(result);
            outcome = classified.ToString();
            if (classified != BankCallOutcome.Success)
            {
                activity?.SetStatus(ActivityStatusCode.Error, outcome);
            }
            return result;
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            activity?.SetTag(Telemetry.OutcomeTag, outcome);
            var tags = new TagList
            {
                { Telemetry.BankTag, inner.BankId },
                { Telemetry.OperationTag, operation },
                { Telemetry.OutcomeTag, outcome },
            };
            Telemetry.BankCallCount.Add(1, tags);
            var elapsed = Stopwatch.GetElapsedTime(started);
            Telemetry.BankCallSeconds.Record(elapsed.TotalSeconds, tags);
            window.Record(inner.BankId, operation, outcome, elapsed);
        }
    }
}
