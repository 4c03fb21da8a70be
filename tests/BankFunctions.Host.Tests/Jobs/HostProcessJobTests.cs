using System.Diagnostics;
using BankFunctions.Features.Payments;
using BankFunctions.Host.Jobs;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Jobs;

/// <summary>
/// The real entry point: the built BankFunctions.Host.dll started as a child process, exactly as a Container Apps
/// job starts the image (settings as environment variables, mode as arguments).
/// </summary>
public sealed class HostProcessJobTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Drain_queue_processes_the_messages_with_the_catalog_handler_and_the_process_exits_0()
    {
        var storage = new StorageClients(new StorageOptions { ConnectionString = azurite.ConnectionString }, null);
        await storage.EnsureCreatedAsync(default);
        var sender = new StorageQueueSender(storage);
        // Sign messages for payments that do not exist: SignPayments (the catalog handler) acknowledges and deletes them.
        for (var i = 0; i < 3; i++)
        {
            await sender.SendAsync(QueueNames.PaymentsSign, new SignMessage("t-none", "pay_missing" + i, null).ToJson());
        }

        var (exitCode, output) = await RunHostAsync(HostCommand.DrainQueueFlag, QueueNames.PaymentsSign);

        Assert.True(exitCode == JobRunner.Succeeded, $"exit code {exitCode}:\n{output}");
        Assert.Contains("drained (3 messages received)", output, StringComparison.Ordinal);
        Assert.Empty((await storage.Queues.GetQueueClient(QueueNames.PaymentsSign).PeekMessagesAsync(1)).Value);
        Assert.Empty((await storage.Queues.GetQueueClient(QueueNames.Poison(QueueNames.PaymentsSign)).PeekMessagesAsync(1)).Value);
    }

    private async Task<(int ExitCode, string Output)> RunHostAsync(params string[] args)
    {
        // The test project references the Host, so its dll, deps and runtimeconfig sit beside the tests.
        var dll = Path.Combine(AppContext.BaseDirectory, "BankFunctions.Host.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in JobHarness.Settings(azurite, RepoPaths.Combine("host.json")))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        // The test host's own environment must not select another configuration for the child.
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ExitTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the host did not exit within {ExitTimeout}:\n{await stdout}\n{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
