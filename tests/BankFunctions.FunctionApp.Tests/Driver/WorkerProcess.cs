using System.Diagnostics;
using System.Text;

namespace BankFunctions.FunctionApp.Tests.Driver;

/// <summary>
/// The built worker started the way the Functions host starts it: <c>dotnet BankFunctions.FunctionApp.dll</c> in the
/// app folder, the host's gRPC endpoint and ids in <c>Functions__Worker__*</c>, the app folder in
/// <c>FUNCTIONS_APPLICATION_DIRECTORY</c>, and the app settings as environment variables.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public WorkerProcess(string appFolder, Uri hostEndpoint, string workerId, IReadOnlyDictionary<string, string> appSettings)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = appFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(appFolder, "BankFunctions.FunctionApp.dll"));
        psi.Environment["Functions__Worker__HostEndpoint"] = hostEndpoint.ToString();
        psi.Environment["Functions__Worker__WorkerId"] = workerId;
        psi.Environment["Functions__Worker__RequestId"] = Guid.NewGuid().ToString();
        psi.Environment["Functions__Worker__GrpcMaxMessageLength"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = appFolder;
        psi.Environment["FUNCTIONS_WORKER_DIRECTORY"] = appFolder;
        psi.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        psi.Environment["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in appSettings)
        {
            psi.Environment[key] = value;
        }
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What the worker wrote to stdout and stderr so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            if (_output.Length < 200_000)
            {
                _output.AppendLine(line);
            }
        }
    }
}
