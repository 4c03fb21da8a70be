namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ListWebhookDeliveries: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ListWebhookDeliveriesFunction(HttpFunctionInvoker invoker)
{
    [Function("ListWebhookDeliveries")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/webhook-endpoints/{id}/deliveries")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ListWebhookDeliveries"), request.HttpContext);
}
