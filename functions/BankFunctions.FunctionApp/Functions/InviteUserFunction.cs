namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry InviteUser: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class InviteUserFunction(HttpFunctionInvoker invoker)
{
    [Function("InviteUser")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/users")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("InviteUser"), request.HttpContext);
}
