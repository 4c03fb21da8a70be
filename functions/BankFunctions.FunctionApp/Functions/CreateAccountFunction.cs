namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry CreateAccount: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class CreateAccountFunction(HttpFunctionInvoker invoker)
{
    [Function("CreateAccount")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/accounts")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("CreateAccount"), request.HttpContext);
}
