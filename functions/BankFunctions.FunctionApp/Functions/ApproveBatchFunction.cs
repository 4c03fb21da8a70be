namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ApproveBatch: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ApproveBatchFunction(HttpFunctionInvoker invoker)
{
    [Function("ApproveBatch")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/payment-batches/{id}/approve")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ApproveBatch"), request.HttpContext);
}
