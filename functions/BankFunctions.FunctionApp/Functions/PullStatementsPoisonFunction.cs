namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry PullStatementsPoison: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class PullStatementsPoisonFunction(PoisonedPulls handler)
{
    [Function("PullStatementsPoison")]
    public Task Run([QueueTrigger("statements-pull-poison")] QueueMessage message, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new QueueMessageContext("statements-pull-poison", message.MessageId, message.Body.ToString(), message.DequeueCount, message.InsertedOn), cancellationToken);
}
