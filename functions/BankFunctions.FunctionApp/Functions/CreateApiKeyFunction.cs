namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry CreateApiKey: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class CreateApiKeyFunction(HttpFunctionInvoker invoker)
{
    [Function("CreateApiKey")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/api-keys")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("CreateApiKey"), request.HttpContext);
}
