namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry FetchReceipt: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class FetchReceiptFunction(FetchReceipt handler)
{
    [Function("FetchReceipt")]
    public Task Run([QueueTrigger("receipts-fetch")] QueueMessage message, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new QueueMessageContext("receipts-fetch", message.MessageId, message.Body.ToString(), message.DequeueCount, message.InsertedOn), cancellationToken);
}
