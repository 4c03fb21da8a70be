namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry GetMe: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class GetMeFunction(HttpFunctionInvoker invoker)
{
    [Function("GetMe")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/me")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("GetMe"), request.HttpContext);
}
