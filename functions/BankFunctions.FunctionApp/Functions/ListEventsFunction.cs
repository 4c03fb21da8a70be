namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ListEvents: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ListEventsFunction(HttpFunctionInvoker invoker)
{
    [Function("ListEvents")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/events")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ListEvents"), request.HttpContext);
}
