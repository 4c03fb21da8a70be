namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ResealDataKeyPagePoison: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ResealDataKeyPagePoisonFunction(PoisonedDataKeyReseal handler)
{
    [Function("ResealDataKeyPagePoison")]
    public Task Run([QueueTrigger("datakey-reseal-poison")] QueueMessage message, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new QueueMessageContext("datakey-reseal-poison", message.MessageId, message.Body.ToString(), message.DequeueCount, message.InsertedOn), cancellationToken);
}
