namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry MatchTransaction: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class MatchTransactionFunction(HttpFunctionInvoker invoker)
{
    [Function("MatchTransaction")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/accounts/{id}/transactions/{entryId}/match")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("MatchTransaction"), request.HttpContext);
}
