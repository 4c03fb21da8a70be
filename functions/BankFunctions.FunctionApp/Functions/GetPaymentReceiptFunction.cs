namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry GetPaymentReceipt: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class GetPaymentReceiptFunction(HttpFunctionInvoker invoker)
{
    [Function("GetPaymentReceipt")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/payments/{id}/receipt")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("GetPaymentReceipt"), request.HttpContext);
}
