namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry DeliverWebhooks: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class DeliverWebhooksFunction(DeliverWebhooks handler)
{
    [Function("DeliverWebhooks")]
    public Task Run([QueueTrigger("webhooks-deliver")] QueueMessage message, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new QueueMessageContext("webhooks-deliver", message.MessageId, message.Body.ToString(), message.DequeueCount, message.InsertedOn), cancellationToken);
}
