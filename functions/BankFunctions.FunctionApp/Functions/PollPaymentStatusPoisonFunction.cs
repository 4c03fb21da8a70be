namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry PollPaymentStatusPoison: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class PollPaymentStatusPoisonFunction(PoisonedPayments handler)
{
    [Function("PollPaymentStatusPoison")]
    public Task Run([QueueTrigger("payments-status-poison")] QueueMessage message, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new QueueMessageContext("payments-status-poison", message.MessageId, message.Body.ToString(), message.DequeueCount, message.InsertedOn), cancellationToken);
}
