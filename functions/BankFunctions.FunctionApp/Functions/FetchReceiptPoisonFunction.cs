namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry FetchReceiptPoison: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class FetchReceiptPoisonFunction(PoisonedReceipts handler)
{
    [Function("FetchReceiptPoison")]
    public Task Run([QueueTrigger("receipts-fetch-poison")] QueueMessage message, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new QueueMessageContext("receipts-fetch-poison", message.MessageId, message.Body.ToString(), message.DequeueCount, message.InsertedOn), cancellationToken);
}
