namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ListWebhookEndpoints: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ListWebhookEndpointsFunction(HttpFunctionInvoker invoker)
{
    [Function("ListWebhookEndpoints")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/webhook-endpoints")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ListWebhookEndpoints"), request.HttpContext);
}
