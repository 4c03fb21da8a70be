namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ListApiKeys: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ListApiKeysFunction(HttpFunctionInvoker invoker)
{
    [Function("ListApiKeys")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/api-keys")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ListApiKeys"), request.HttpContext);
}
