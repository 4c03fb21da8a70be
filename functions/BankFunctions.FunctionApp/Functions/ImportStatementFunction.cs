namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ImportStatement: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ImportStatementFunction(HttpFunctionInvoker invoker)
{
    [Function("ImportStatement")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/accounts/{id}/statements")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ImportStatement"), request.HttpContext);
}
