namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry StartDataKeyReseal: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class StartDataKeyResealFunction(HttpFunctionInvoker invoker)
{
    [Function("StartDataKeyReseal")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/admin/tenants/{tenantId}/data-key/reseal")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("StartDataKeyReseal"), request.HttpContext);
}
