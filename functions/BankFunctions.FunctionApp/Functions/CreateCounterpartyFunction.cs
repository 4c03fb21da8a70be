namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry CreateCounterparty: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class CreateCounterpartyFunction(HttpFunctionInvoker invoker)
{
    [Function("CreateCounterparty")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/counterparties")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("CreateCounterparty"), request.HttpContext);
}
