namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ListAccounts: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ListAccountsFunction(HttpFunctionInvoker invoker)
{
    [Function("ListAccounts")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/accounts")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ListAccounts"), request.HttpContext);
}
