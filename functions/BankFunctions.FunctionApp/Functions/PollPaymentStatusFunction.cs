namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry PollPaymentStatus: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class PollPaymentStatusFunction(PollPaymentStatus handler)
{
    [Function("PollPaymentStatus")]
    public Task Run([QueueTrigger("payments-status")] QueueMessage message, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new QueueMessageContext("payments-status", message.MessageId, message.Body.ToString(), message.DequeueCount, message.InsertedOn), cancellationToken);
}
