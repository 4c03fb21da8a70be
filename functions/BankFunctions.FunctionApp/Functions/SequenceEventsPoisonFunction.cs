namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry SequenceEventsPoison: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class SequenceEventsPoisonFunction(PoisonedSequencing handler)
{
    [Function("SequenceEventsPoison")]
    public Task Run([QueueTrigger("events-sequence-poison")] QueueMessage message, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new QueueMessageContext("events-sequence-poison", message.MessageId, message.Body.ToString(), message.DequeueCount, message.InsertedOn), cancellationToken);
}
