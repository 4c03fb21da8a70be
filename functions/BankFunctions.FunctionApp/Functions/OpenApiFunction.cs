namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry OpenApi: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class OpenApiFunction(HttpFunctionInvoker invoker)
{
    [Function("OpenApi")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/v1.json")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("OpenApi"), request.HttpContext);
}
