namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry GetBalances: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class GetBalancesFunction(HttpFunctionInvoker invoker)
{
    [Function("GetBalances")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/accounts/{id}/balances")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("GetBalances"), request.HttpContext);
}
