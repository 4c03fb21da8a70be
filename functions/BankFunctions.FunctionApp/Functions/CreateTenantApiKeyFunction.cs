namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry CreateTenantApiKey: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class CreateTenantApiKeyFunction(HttpFunctionInvoker invoker)
{
    [Function("CreateTenantApiKey")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/admin/tenants/{tenantId}/api-keys")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("CreateTenantApiKey"), request.HttpContext);
}
