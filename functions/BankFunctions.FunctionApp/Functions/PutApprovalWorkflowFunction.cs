namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry PutApprovalWorkflow: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class PutApprovalWorkflowFunction(HttpFunctionInvoker invoker)
{
    [Function("PutApprovalWorkflow")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/approval-workflows")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("PutApprovalWorkflow"), request.HttpContext);
}
