namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry RedeliverEvent: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class RedeliverEventFunction(HttpFunctionInvoker invoker)
{
    [Function("RedeliverEvent")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/events/{id}/redeliver")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("RedeliverEvent"), request.HttpContext);
}
