namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ListPayments: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ListPaymentsFunction(HttpFunctionInvoker invoker)
{
    [Function("ListPayments")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/payments")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ListPayments"), request.HttpContext);
}
