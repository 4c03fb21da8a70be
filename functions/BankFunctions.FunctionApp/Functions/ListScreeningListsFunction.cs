namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ListScreeningLists: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ListScreeningListsFunction(HttpFunctionInvoker invoker)
{
    [Function("ListScreeningLists")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/admin/screening-lists")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ListScreeningLists"), request.HttpContext);
}
