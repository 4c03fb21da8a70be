namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry SignOut: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class SignOutFunction(HttpFunctionInvoker invoker)
{
    [Function("SignOut")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/sign-out")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("SignOut"), request.HttpContext);
}
