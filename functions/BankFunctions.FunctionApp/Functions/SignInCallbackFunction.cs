namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry SignInCallback: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class SignInCallbackFunction(HttpFunctionInvoker invoker)
{
    [Function("SignInCallback")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "auth/callback")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("SignInCallback"), request.HttpContext);
}
