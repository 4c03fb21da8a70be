namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ListUnmatchedTransactions: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ListUnmatchedTransactionsFunction(HttpFunctionInvoker invoker)
{
    [Function("ListUnmatchedTransactions")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/accounts/{id}/transactions/unmatched")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ListUnmatchedTransactions"), request.HttpContext);
}
