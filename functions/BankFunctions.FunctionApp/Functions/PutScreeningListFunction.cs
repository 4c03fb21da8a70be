namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry PutScreeningList: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class PutScreeningListFunction(HttpFunctionInvoker invoker)
{
    [Function("PutScreeningList")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/admin/screening-lists/{source}")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("PutScreeningList"), request.HttpContext);
}
