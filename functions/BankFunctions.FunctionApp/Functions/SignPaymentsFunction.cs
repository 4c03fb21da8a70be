namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry SignPayments: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class SignPaymentsFunction(SignPayments handler)
{
    [Function("SignPayments")]
    public Task Run([QueueTrigger("payments-sign")] QueueMessage message, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new QueueMessageContext("payments-sign", message.MessageId, message.Body.ToString(), message.DequeueCount, message.InsertedOn), cancellationToken);
}
