namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry SignInStart: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class SignInStartFunction(HttpFunctionInvoker invoker)
{
    [Function("SignInStart")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "auth/sign-in")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("SignInStart"), request.HttpContext);
}
