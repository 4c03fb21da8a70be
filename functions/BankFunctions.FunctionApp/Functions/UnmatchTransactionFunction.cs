namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry UnmatchTransaction: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class UnmatchTransactionFunction(HttpFunctionInvoker invoker)
{
    [Function("UnmatchTransaction")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/accounts/{id}/transactions/{entryId}/unmatch")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("UnmatchTransaction"), request.HttpContext);
}
