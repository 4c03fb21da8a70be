namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry CreateExpectedPayment: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class CreateExpectedPaymentFunction(HttpFunctionInvoker invoker)
{
    [Function("CreateExpectedPayment")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/expected-payments")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("CreateExpectedPayment"), request.HttpContext);
}
