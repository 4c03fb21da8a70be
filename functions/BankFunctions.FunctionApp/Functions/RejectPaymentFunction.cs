namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry RejectPayment: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class RejectPaymentFunction(HttpFunctionInvoker invoker)
{
    [Function("RejectPayment")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/payments/{id}/reject")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("RejectPayment"), request.HttpContext);
}
