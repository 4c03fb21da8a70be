namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry GetScreeningList: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class GetScreeningListFunction(HttpFunctionInvoker invoker)
{
    [Function("GetScreeningList")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/admin/screening-lists/{source}")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("GetScreeningList"), request.HttpContext);
}
