namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ApprovePayment: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ApprovePaymentFunction(HttpFunctionInvoker invoker)
{
    [Function("ApprovePayment")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/payments/{id}/approve")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ApprovePayment"), request.HttpContext);
}
