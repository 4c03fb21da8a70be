namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry BackfillListIndex: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class BackfillListIndexFunction(HttpFunctionInvoker invoker)
{
    [Function("BackfillListIndex")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/admin/tenants/{tenantId}/list-index")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("BackfillListIndex"), request.HttpContext);
}
