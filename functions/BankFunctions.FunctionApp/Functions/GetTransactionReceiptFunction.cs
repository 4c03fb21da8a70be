namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry GetTransactionReceipt: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class GetTransactionReceiptFunction(HttpFunctionInvoker invoker)
{
    [Function("GetTransactionReceipt")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/accounts/{id}/transactions/{entryId}/receipt")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("GetTransactionReceipt"), request.HttpContext);
}
