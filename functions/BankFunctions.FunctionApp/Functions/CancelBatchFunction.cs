namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry CancelBatch: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class CancelBatchFunction(HttpFunctionInvoker invoker)
{
    [Function("CancelBatch")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/payment-batches/{id}/cancel")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("CancelBatch"), request.HttpContext);
}
