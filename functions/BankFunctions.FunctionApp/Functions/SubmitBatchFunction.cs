namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry SubmitBatch: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class SubmitBatchFunction(HttpFunctionInvoker invoker)
{
    [Function("SubmitBatch")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/payment-batches")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("SubmitBatch"), request.HttpContext);
}
