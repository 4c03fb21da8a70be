namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry RotateWebhookSecret: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class RotateWebhookSecretFunction(HttpFunctionInvoker invoker)
{
    [Function("RotateWebhookSecret")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/webhook-endpoints/{id}/rotate-secret")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("RotateWebhookSecret"), request.HttpContext);
}
