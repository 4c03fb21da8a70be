using BankFunctions.FunctionApp.Tests.Driver;

namespace BankFunctions.FunctionApp.Tests.Worker;

/// <summary>An HttpClient whose requests go through the driver, i.e. the way the Functions host front-ends the worker.</summary>
public sealed class DriverHttpHandler(FunctionsHostDriver driver) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        driver.SendAsync(request, cancellationToken);
}
