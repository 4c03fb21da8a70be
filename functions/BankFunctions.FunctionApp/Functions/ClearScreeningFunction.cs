namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ClearScreening: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ClearScreeningFunction(HttpFunctionInvoker invoker)
{
    [Function("ClearScreening")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/payments/{id}/screening/clear")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ClearScreening"), request.HttpContext);
}
