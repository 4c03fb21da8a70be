namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ListStatementWarnings: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ListStatementWarningsFunction(HttpFunctionInvoker invoker)
{
    [Function("ListStatementWarnings")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/accounts/{id}/statement-warnings")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ListStatementWarnings"), request.HttpContext);
}
