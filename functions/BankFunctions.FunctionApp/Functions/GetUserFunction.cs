namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry GetUser: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class GetUserFunction(HttpFunctionInvoker invoker)
{
    [Function("GetUser")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/users/{id}")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("GetUser"), request.HttpContext);
}
