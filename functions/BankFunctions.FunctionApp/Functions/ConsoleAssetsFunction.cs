namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ConsoleAssets: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ConsoleAssetsFunction(HttpFunctionInvoker invoker)
{
    [Function("ConsoleAssets")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/{*path}")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ConsoleAssets"), request.HttpContext);
}
