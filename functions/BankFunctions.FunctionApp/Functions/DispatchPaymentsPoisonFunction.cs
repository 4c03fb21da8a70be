namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry DispatchPaymentsPoison: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class DispatchPaymentsPoisonFunction(PoisonedPayments handler)
{
    [Function("DispatchPaymentsPoison")]
    public Task Run([QueueTrigger("payments-dispatch-poison")] QueueMessage message, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new QueueMessageContext("payments-dispatch-poison", message.MessageId, message.Body.ToString(), message.DequeueCount, message.InsertedOn), cancellationToken);
}
