namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry PullStatements: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class PullStatementsFunction(PullStatements handler)
{
    [Function("PullStatements")]
    public Task Run([QueueTrigger("statements-pull")] QueueMessage message, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new QueueMessageContext("statements-pull", message.MessageId, message.Body.ToString(), message.DequeueCount, message.InsertedOn), cancellationToken);
}
