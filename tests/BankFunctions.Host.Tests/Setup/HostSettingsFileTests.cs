using System.Diagnostics;
using System.Text;
using BankFunctions.Host.Jobs;
using BankFunctions.Host.Tests.Jobs;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Setup;

/// <summary>
/// The built host started from another working directory (as ./run.sh starts it from the repository root) still reads
/// the appsettings.json beside it (issue #20 §5): its log levels keep per-request framework logs (Information) out.
/// </summary>
public sealed class HostSettingsFileTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Appsettings_beside_the_host_apply_whatever_the_working_directory()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("bf-cwd-").FullName;
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BankFunctions.Host.dll"));
        start.ArgumentList.Add(HostCommand.HttpOnlyFlag);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in JobHarness.Settings(azurite, RepoPaths.Combine("host.json")))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment.Remove("Logging__LogLevel__Default");

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        Assert.True(process.Start());
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            var served = false;
            for (var attempt = 0; attempt < 120 && !served && !process.HasExited; attempt++)
            {
                try
                {
                    served = (await client.GetAsync("openapi/v1.json")).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(500);
                }
            }
            Assert.True(served, "the host did not serve:\n" + output);
        }
        finally
        {
            // SIGTERM: a graceful stop flushes the console logger, so everything logged so far is in the output.
            if (!process.HasExited)
            {
                using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync();
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
            Directory.Delete(workingDirectory, recursive: true);
        }
        var log = output.ToString();
        // Logging works (the lifetime's Information messages are there) …
        Assert.Contains("Microsoft.Hosting.Lifetime", log, StringComparison.Ordinal);
        // … but appsettings.json sets Microsoft.AspNetCore to Warning: no "Request starting/finished" per request.
        Assert.DoesNotContain("Microsoft.AspNetCore.Hosting.Diagnostics", log, StringComparison.Ordinal);
    }
}
