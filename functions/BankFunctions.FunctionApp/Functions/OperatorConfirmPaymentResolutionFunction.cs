namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry OperatorConfirmPaymentResolution: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class OperatorConfirmPaymentResolutionFunction(HttpFunctionInvoker invoker)
{
    [Function("OperatorConfirmPaymentResolution")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/admin/tenants/{tenantId}/payments/{id}/attention/confirm")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("OperatorConfirmPaymentResolution"), request.HttpContext);
}
