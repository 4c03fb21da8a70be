namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry GetCounterparty: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class GetCounterpartyFunction(HttpFunctionInvoker invoker)
{
    [Function("GetCounterparty")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/counterparties/{id}")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("GetCounterparty"), request.HttpContext);
}
