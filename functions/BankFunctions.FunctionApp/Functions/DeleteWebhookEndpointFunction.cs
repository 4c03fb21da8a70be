namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry DeleteWebhookEndpoint: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class DeleteWebhookEndpointFunction(HttpFunctionInvoker invoker)
{
    [Function("DeleteWebhookEndpoint")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/webhook-endpoints/{id}")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("DeleteWebhookEndpoint"), request.HttpContext);
}
