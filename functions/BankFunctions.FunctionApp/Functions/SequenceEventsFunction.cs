namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry SequenceEvents: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class SequenceEventsFunction(SequenceEvents handler)
{
    [Function("SequenceEvents")]
    public Task Run([QueueTrigger("events-sequence")] QueueMessage message, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new QueueMessageContext("events-sequence", message.MessageId, message.Body.ToString(), message.DequeueCount, message.InsertedOn), cancellationToken);
}
