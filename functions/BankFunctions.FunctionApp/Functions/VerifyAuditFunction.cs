namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry VerifyAudit: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class VerifyAuditFunction(HttpFunctionInvoker invoker)
{
    [Function("VerifyAudit")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/audit/verify")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("VerifyAudit"), request.HttpContext);
}
