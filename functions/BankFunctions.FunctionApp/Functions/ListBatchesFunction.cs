namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ListBatches: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ListBatchesFunction(HttpFunctionInvoker invoker)
{
    [Function("ListBatches")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/payment-batches")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ListBatches"), request.HttpContext);
}
