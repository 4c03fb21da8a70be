namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry CreateWebhookEndpoint: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class CreateWebhookEndpointFunction(HttpFunctionInvoker invoker)
{
    [Function("CreateWebhookEndpoint")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/webhook-endpoints")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("CreateWebhookEndpoint"), request.HttpContext);
}
