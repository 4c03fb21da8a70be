namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry GetApprovalRules: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class GetApprovalRulesFunction(HttpFunctionInvoker invoker)
{
    [Function("GetApprovalRules")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/approval-rules")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("GetApprovalRules"), request.HttpContext);
}
