namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry DeliverWebhooksPoison: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class DeliverWebhooksPoisonFunction(PoisonedWebhookDeliveries handler)
{
    [Function("DeliverWebhooksPoison")]
    public Task Run([QueueTrigger("webhooks-deliver-poison")] QueueMessage message, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new QueueMessageContext("webhooks-deliver-poison", message.MessageId, message.Body.ToString(), message.DequeueCount, message.InsertedOn), cancellationToken);
}
