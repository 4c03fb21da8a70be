namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ListTransactions: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ListTransactionsFunction(HttpFunctionInvoker invoker)
{
    [Function("ListTransactions")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/accounts/{id}/transactions")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ListTransactions"), request.HttpContext);
}
