namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ExportTransactions: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ExportTransactionsFunction(HttpFunctionInvoker invoker)
{
    [Function("ExportTransactions")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/accounts/{id}/transactions/export")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ExportTransactions"), request.HttpContext);
}
