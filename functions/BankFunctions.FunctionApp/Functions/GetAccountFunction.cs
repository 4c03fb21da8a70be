namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry GetAccount: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class GetAccountFunction(HttpFunctionInvoker invoker)
{
    [Function("GetAccount")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/accounts/{id}")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("GetAccount"), request.HttpContext);
}
