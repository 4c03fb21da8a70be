namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry TestWebhookEndpoint: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class TestWebhookEndpointFunction(HttpFunctionInvoker invoker)
{
    [Function("TestWebhookEndpoint")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/webhook-endpoints/{id}/test")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("TestWebhookEndpoint"), request.HttpContext);
}
