namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ListBankConnections: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ListBankConnectionsFunction(HttpFunctionInvoker invoker)
{
    [Function("ListBankConnections")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/bank-connections")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ListBankConnections"), request.HttpContext);
}
