namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry RefreshAccount: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class RefreshAccountFunction(HttpFunctionInvoker invoker)
{
    [Function("RefreshAccount")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/accounts/{id}/refresh")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("RefreshAccount"), request.HttpContext);
}
