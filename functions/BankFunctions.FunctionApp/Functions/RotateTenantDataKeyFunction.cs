namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry RotateTenantDataKey: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class RotateTenantDataKeyFunction(HttpFunctionInvoker invoker)
{
    [Function("RotateTenantDataKey")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/admin/tenants/{tenantId}/data-key/rotate")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("RotateTenantDataKey"), request.HttpContext);
}
