namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ListPendingApprovals: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ListPendingApprovalsFunction(HttpFunctionInvoker invoker)
{
    [Function("ListPendingApprovals")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/approvals/pending")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ListPendingApprovals"), request.HttpContext);
}
