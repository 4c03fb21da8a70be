namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry RefreshTransactionReceipt: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class RefreshTransactionReceiptFunction(HttpFunctionInvoker invoker)
{
    [Function("RefreshTransactionReceipt")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/accounts/{id}/transactions/{entryId}/receipt/refresh")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("RefreshTransactionReceipt"), request.HttpContext);
}
