namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ValidateBatch: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ValidateBatchFunction(HttpFunctionInvoker invoker)
{
    [Function("ValidateBatch")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/payment-batches/validate")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ValidateBatch"), request.HttpContext);
}
