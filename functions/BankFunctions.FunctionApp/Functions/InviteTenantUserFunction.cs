namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry InviteTenantUser: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class InviteTenantUserFunction(HttpFunctionInvoker invoker)
{
    [Function("InviteTenantUser")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/admin/tenants/{tenantId}/users")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("InviteTenantUser"), request.HttpContext);
}
