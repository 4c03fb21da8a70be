namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry Health: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class HealthFunction(HttpFunctionInvoker invoker)
{
    [Function("Health")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("Health"), request.HttpContext);
}
