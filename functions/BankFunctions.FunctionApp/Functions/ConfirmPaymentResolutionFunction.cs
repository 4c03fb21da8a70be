namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry ConfirmPaymentResolution: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class ConfirmPaymentResolutionFunction(HttpFunctionInvoker invoker)
{
    [Function("ConfirmPaymentResolution")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/payments/{id}/attention/confirm")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("ConfirmPaymentResolution"), request.HttpContext);
}
