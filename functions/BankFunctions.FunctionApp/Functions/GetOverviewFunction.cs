namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry GetOverview: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class GetOverviewFunction(HttpFunctionInvoker invoker)
{
    [Function("GetOverview")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/admin/overview")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("GetOverview"), request.HttpContext);
}
