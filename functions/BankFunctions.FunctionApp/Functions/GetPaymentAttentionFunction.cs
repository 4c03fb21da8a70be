namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry GetPaymentAttention: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class GetPaymentAttentionFunction(HttpFunctionInvoker invoker)
{
    [Function("GetPaymentAttention")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/payments/{id}/attention")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("GetPaymentAttention"), request.HttpContext);
}
