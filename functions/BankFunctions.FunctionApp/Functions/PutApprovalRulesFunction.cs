namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry PutApprovalRules: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class PutApprovalRulesFunction(HttpFunctionInvoker invoker)
{
    [Function("PutApprovalRules")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/approval-rules")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("PutApprovalRules"), request.HttpContext);
}
