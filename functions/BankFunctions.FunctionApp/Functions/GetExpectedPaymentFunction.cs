namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry GetExpectedPayment: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class GetExpectedPaymentFunction(HttpFunctionInvoker invoker)
{
    [Function("GetExpectedPayment")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/expected-payments/{id}")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("GetExpectedPayment"), request.HttpContext);
}
