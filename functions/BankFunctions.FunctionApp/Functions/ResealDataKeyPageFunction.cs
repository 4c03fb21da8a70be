namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ResealDataKeyPage: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ResealDataKeyPageFunction(ResealDataKeyPage handler)
{
    [Function("ResealDataKeyPage")]
    public Task Run([QueueTrigger("datakey-reseal")] QueueMessage message, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new QueueMessageContext("datakey-reseal", message.MessageId, message.Body.ToString(), message.DequeueCount, message.InsertedOn), cancellationToken);
}
