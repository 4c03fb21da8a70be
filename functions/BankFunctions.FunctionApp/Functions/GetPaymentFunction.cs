namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry GetPayment: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class GetPaymentFunction(HttpFunctionInvoker invoker)
{
    [Function("GetPayment")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/payments/{id}")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("GetPayment"), request.HttpContext);
}
