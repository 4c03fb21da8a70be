namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry GetWebhookEndpoint: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class GetWebhookEndpointFunction(HttpFunctionInvoker invoker)
{
    [Function("GetWebhookEndpoint")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/webhook-endpoints/{id}")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("GetWebhookEndpoint"), request.HttpContext);
}
