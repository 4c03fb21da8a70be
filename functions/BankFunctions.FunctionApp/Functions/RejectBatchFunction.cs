namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry RejectBatch: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class RejectBatchFunction(HttpFunctionInvoker invoker)
{
    [Function("RejectBatch")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/payment-batches/{id}/reject")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("RejectBatch"), request.HttpContext);
}
