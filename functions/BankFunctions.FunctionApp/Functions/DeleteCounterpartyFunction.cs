namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry DeleteCounterparty: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class DeleteCounterpartyFunction(HttpFunctionInvoker invoker)
{
    [Function("DeleteCounterparty")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/counterparties/{id}")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("DeleteCounterparty"), request.HttpContext);
}
