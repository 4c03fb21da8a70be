using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BankFunctions.Features.Telemetry;

/// <summary>
/// The one place that names our traces and metrics (issue #16, "Telemetry and alerts"): one <see cref="ActivitySource"/>
/// and one <see cref="Meter"/>, both called <see cref="Name"/>, and every instrument the code records into. Exporters
/// (Azure Monitor, OTLP, console) are wired in <c>Hosting/TelemetrySetup</c>; the alert rules in
/// <c>infra/modules/alerts.bicep</c> query these metric names, so renaming one is a change of the alerts too.
/// Instruments are static because .NET's meters are process-wide anyway (like the ActivitySource the hosts listen to).
/// </summary>
public static class Telemetry
{
    public const string Name = "BankFunctions";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    // Attribute names (OpenTelemetry style: lower-case, dotted, our own under "bankfn.").
    public const string BankTag = "bankfn.bank";
    public const string OperationTag = "bankfn.operation";
    public const string OutcomeTag = "bankfn.outcome";
    public const string StatusTag = "bankfn.status";
    public const string QueueTag = "messaging.destination.name";
    public const string TenantTag = "bankfn.tenant";
    public const string AccountTag = "bankfn.account";
    public const string WebhookEndpointTag = "bankfn.webhook_endpoint";

    // Metric names (the alert rules and the runbooks use them: infra/modules/alerts.bicep, docs/runbooks/).
    public const string BankCalls = "bankfn.bank.calls";
    public const string BankCallDuration = "bankfn.bank.call.duration";
    public const string PaymentTransitions = "bankfn.payment.transitions";
    public const string SubmitToAccepted = "bankfn.payment.submit_to_accepted";
    public const string AcceptedToCompleted = "bankfn.payment.accepted_to_completed";
    public const string MessagesPoisoned = "bankfn.queue.poisoned";
    public const string MessageDuration = "bankfn.queue.message.duration";

    /// <summary>Every call through the bank interface (<c>IBankAdapter</c>): bank, operation, outcome class.</summary>
    public static readonly Counter<long> BankCallCount = Meter.CreateCounter<long>(BankCalls, "{call}",
        "Calls through the bank interface by bank, operation and outcome class (Success, Retryable, Terminal, UnknownOutcome, Duplicate, NotSupported, Exception).");

    public static readonly Histogram<double> BankCallSeconds = Meter.CreateHistogram<double>(BankCallDuration, "s",
        "Duration of calls through the bank interface (retries and circuit breaker included) by bank, operation and outcome class.");

    public static readonly Counter<long> PaymentTransitionCount = Meter.CreateCounter<long>(PaymentTransitions, "{payment}",
        "Payments moved into a status, by status and bank.");

    public static readonly Histogram<double> SubmitToAcceptedSeconds = Meter.CreateHistogram<double>(SubmitToAccepted, "s",
        "Time from a payment's submission to the bank's acceptance, by bank.");

    public static readonly Histogram<double> AcceptedToCompletedSeconds = Meter.CreateHistogram<double>(AcceptedToCompleted, "s",
        "Time from a payment's acceptance by the bank to its completion, by bank.");

    public static readonly Counter<long> PoisonedCount = Meter.CreateCounter<long>(MessagesPoisoned, "{message}",
        "Queue messages moved to their poison queue by the local host's processor (under Functions the host moves them: see the poison gauge).");

    public static readonly Histogram<double> MessageSeconds = Meter.CreateHistogram<double>(MessageDuration, "s",
        "Duration of one queue message's handler by queue and outcome (ok, error).");
}
