namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry RequeryPayment: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class RequeryPaymentFunction(HttpFunctionInvoker invoker)
{
    [Function("RequeryPayment")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/payments/{id}/attention/requery")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("RequeryPayment"), request.HttpContext);
}
