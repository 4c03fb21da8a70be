namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry UpdateUser: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class UpdateUserFunction(HttpFunctionInvoker invoker)
{
    [Function("UpdateUser")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "v1/users/{id}")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("UpdateUser"), request.HttpContext);
}
