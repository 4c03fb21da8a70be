namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry CreateTenant: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class CreateTenantFunction(HttpFunctionInvoker invoker)
{
    [Function("CreateTenant")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/admin/tenants")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("CreateTenant"), request.HttpContext);
}
