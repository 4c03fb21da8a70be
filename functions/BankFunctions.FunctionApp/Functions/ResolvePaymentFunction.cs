namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ResolvePayment: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ResolvePaymentFunction(HttpFunctionInvoker invoker)
{
    [Function("ResolvePayment")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/payments/{id}/attention/resolve")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ResolvePayment"), request.HttpContext);
}
