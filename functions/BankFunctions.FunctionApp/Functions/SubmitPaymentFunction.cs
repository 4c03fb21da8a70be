namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry SubmitPayment: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class SubmitPaymentFunction(HttpFunctionInvoker invoker)
{
    [Function("SubmitPayment")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/payments")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("SubmitPayment"), request.HttpContext);
}
