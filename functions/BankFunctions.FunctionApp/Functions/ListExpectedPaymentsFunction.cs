namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ListExpectedPayments: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ListExpectedPaymentsFunction(HttpFunctionInvoker invoker)
{
    [Function("ListExpectedPayments")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/expected-payments")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ListExpectedPayments"), request.HttpContext);
}
