namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ImportTenantStatements: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ImportTenantStatementsFunction(HttpFunctionInvoker invoker)
{
    [Function("ImportTenantStatements")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/statements")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ImportTenantStatements"), request.HttpContext);
}
