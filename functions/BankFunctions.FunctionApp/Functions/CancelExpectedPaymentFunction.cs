namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry CancelExpectedPayment: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class CancelExpectedPaymentFunction(HttpFunctionInvoker invoker)
{
    [Function("CancelExpectedPayment")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/expected-payments/{id}/cancel")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("CancelExpectedPayment"), request.HttpContext);
}
