namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry OperatorResolvePayment: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class OperatorResolvePaymentFunction(HttpFunctionInvoker invoker)
{
    [Function("OperatorResolvePayment")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/admin/tenants/{tenantId}/payments/{id}/attention/resolve")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("OperatorResolvePayment"), request.HttpContext);
}
