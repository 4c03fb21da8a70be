namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry RewrapDataKeys: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class RewrapDataKeysFunction(HttpFunctionInvoker invoker)
{
    [Function("RewrapDataKeys")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/admin/encryption/rewrap")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("RewrapDataKeys"), request.HttpContext);
}
