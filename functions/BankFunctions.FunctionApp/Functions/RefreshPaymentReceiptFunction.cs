namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry RefreshPaymentReceipt: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class RefreshPaymentReceiptFunction(HttpFunctionInvoker invoker)
{
    [Function("RefreshPaymentReceipt")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/payments/{id}/receipt/refresh")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("RefreshPaymentReceipt"), request.HttpContext);
}
