namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry OperatorRequeryPayment: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class OperatorRequeryPaymentFunction(HttpFunctionInvoker invoker)
{
    [Function("OperatorRequeryPayment")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/admin/tenants/{tenantId}/payments/{id}/attention/requery")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("OperatorRequeryPayment"), request.HttpContext);
}
