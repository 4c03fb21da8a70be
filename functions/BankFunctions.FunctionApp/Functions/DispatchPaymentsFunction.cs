namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry DispatchPayments: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class DispatchPaymentsFunction(DispatchPayments handler)
{
    [Function("DispatchPayments")]
    public Task Run([QueueTrigger("payments-dispatch")] QueueMessage message, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new QueueMessageContext("payments-dispatch", message.MessageId, message.Body.ToString(), message.DequeueCount, message.InsertedOn), cancellationToken);
}
