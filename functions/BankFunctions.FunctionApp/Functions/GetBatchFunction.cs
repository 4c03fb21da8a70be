namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry GetBatch: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class GetBatchFunction(HttpFunctionInvoker invoker)
{
    [Function("GetBatch")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/payment-batches/{id}")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("GetBatch"), request.HttpContext);
}
