namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry GetReconciliation: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class GetReconciliationFunction(HttpFunctionInvoker invoker)
{
    [Function("GetReconciliation")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/accounts/{id}/reconciliation")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("GetReconciliation"), request.HttpContext);
}
