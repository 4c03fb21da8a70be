namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry RejectScreening: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class RejectScreeningFunction(HttpFunctionInvoker invoker)
{
    [Function("RejectScreening")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/payments/{id}/screening/reject")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("RejectScreening"), request.HttpContext);
}
