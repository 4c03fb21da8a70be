namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry RejectCounterpartyAccount: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class RejectCounterpartyAccountFunction(HttpFunctionInvoker invoker)
{
    [Function("RejectCounterpartyAccount")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/counterparties/{id}/accounts/{accountId}/reject")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("RejectCounterpartyAccount"), request.HttpContext);
}
