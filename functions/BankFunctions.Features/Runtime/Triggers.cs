namespace BankFunctions.Features.Runtime;

/// <summary>How a function is started: the same three trigger kinds Azure Functions offers.</summary>
public abstract record Trigger;

/// <summary>An HTTP route, e.g. <c>POST v1/payments</c> (no leading slash, ASP.NET route template syntax).</summary>
public sealed record HttpTrigger(string Method, string Route) : Trigger;

/// <summary>A Storage Queue; messages are Base64-encoded as the Functions runtime expects by default.</summary>
public sealed record QueueTrigger(string QueueName) : Trigger;

/// <summary>A six-field NCRONTAB schedule ("sec min hour day month dow"), evaluated in UTC.</summary>
public sealed record TimerTrigger(string Schedule) : Trigger;

/// <summary>One entry of the <see cref="FunctionCatalog"/>: a name (as in Azure), its trigger and its handler type.</summary>
public sealed record FunctionDefinition(string Name, Trigger Trigger, Type Handler);
