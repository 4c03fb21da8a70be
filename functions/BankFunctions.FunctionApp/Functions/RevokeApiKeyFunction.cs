namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry RevokeApiKey: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class RevokeApiKeyFunction(HttpFunctionInvoker invoker)
{
    [Function("RevokeApiKey")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/api-keys/{id}")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("RevokeApiKey"), request.HttpContext);
}
