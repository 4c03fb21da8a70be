namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ApproveCounterpartyAccount: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ApproveCounterpartyAccountFunction(HttpFunctionInvoker invoker)
{
    [Function("ApproveCounterpartyAccount")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/counterparties/{id}/accounts/{accountId}/approve")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ApproveCounterpartyAccount"), request.HttpContext);
}
