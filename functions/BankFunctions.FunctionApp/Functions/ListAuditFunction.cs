namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ListAudit: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ListAuditFunction(HttpFunctionInvoker invoker)
{
    [Function("ListAudit")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/audit")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ListAudit"), request.HttpContext);
}
