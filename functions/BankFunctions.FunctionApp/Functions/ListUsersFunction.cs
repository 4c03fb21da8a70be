namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ListUsers: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ListUsersFunction(HttpFunctionInvoker invoker)
{
    [Function("ListUsers")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/users")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ListUsers"), request.HttpContext);
}
