namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry GetApprovalWorkflow: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class GetApprovalWorkflowFunction(HttpFunctionInvoker invoker)
{
    [Function("GetApprovalWorkflow")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/approval-workflows")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("GetApprovalWorkflow"), request.HttpContext);
}
