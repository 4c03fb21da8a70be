namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry GetDataKeyReseal: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class GetDataKeyResealFunction(HttpFunctionInvoker invoker)
{
    [Function("GetDataKeyReseal")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/admin/tenants/{tenantId}/data-key/reseal")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("GetDataKeyReseal"), request.HttpContext);
}
