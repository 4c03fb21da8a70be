namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry OperatorGetPaymentAttention: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class OperatorGetPaymentAttentionFunction(HttpFunctionInvoker invoker)
{
    [Function("OperatorGetPaymentAttention")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/admin/tenants/{tenantId}/payments/{id}/attention")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("OperatorGetPaymentAttention"), request.HttpContext);
}
