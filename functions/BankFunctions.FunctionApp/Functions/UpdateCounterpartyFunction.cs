namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry UpdateCounterparty: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class UpdateCounterpartyFunction(HttpFunctionInvoker invoker)
{
    [Function("UpdateCounterparty")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "v1/counterparties/{id}")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("UpdateCounterparty"), request.HttpContext);
}
