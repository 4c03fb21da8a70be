namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry CancelPayment: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class CancelPaymentFunction(HttpFunctionInvoker invoker)
{
    [Function("CancelPayment")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/payments/{id}/cancel")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("CancelPayment"), request.HttpContext);
}
