namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ListCounterparties: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ListCounterpartiesFunction(HttpFunctionInvoker invoker)
{
    [Function("ListCounterparties")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/counterparties")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ListCounterparties"), request.HttpContext);
}
