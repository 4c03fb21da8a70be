using BankFunctions.FunctionApp.Tests.Driver;

namespace BankFunctions.FunctionApp.Tests.Worker;

/// <summary>The worker refuses a configuration the ASP.NET Core host refuses, at start, before it takes invocations.</summary>
[Collection(WorkerCollection.Name)]
public sealed class WorkerStartupTests(WorkerFixture fixture)
{
    [Theory]
    [InlineData("Operator__ApiKey", "Operator__ApiKey must be set")]
    [InlineData("AzureWebJobsStorage", "Storage is not configured")]
    public async Task A_worker_without_a_required_setting_exits_naming_it(string missing, string message)
    {
        var settings = fixture.Settings(fixture.Bank.BaseAddress!);
        settings.Remove(missing);

        var (exitCode, output) = await FunctionsHostDriver.RunUntilExitAsync(FunctionAppBuild.OutputFolder, settings, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }
}
