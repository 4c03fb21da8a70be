namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry SignPaymentsPoison: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class SignPaymentsPoisonFunction(PoisonedPayments handler)
{
    [Function("SignPaymentsPoison")]
    public Task Run([QueueTrigger("payments-sign-poison")] QueueMessage message, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new QueueMessageContext("payments-sign-poison", message.MessageId, message.Body.ToString(), message.DequeueCount, message.InsertedOn), cancellationToken);
}
