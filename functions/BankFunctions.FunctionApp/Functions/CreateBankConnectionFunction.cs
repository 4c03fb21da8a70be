namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry CreateBankConnection: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class CreateBankConnectionFunction(HttpFunctionInvoker invoker)
{
    [Function("CreateBankConnection")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/bank-connections")] HttpRequest request) =>
        invoker.InvokeAsync(FunctionCatalog.Find("CreateBankConnection"), request.HttpContext);
}
