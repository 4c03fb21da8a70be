namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry UpdateWebhookEndpoint: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class UpdateWebhookEndpointFunction(HttpFunctionInvoker invoker)
{
    [Function("UpdateWebhookEndpoint")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "v1/webhook-endpoints/{id}")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("UpdateWebhookEndpoint"), request.HttpContext);
}
