using System.Diagnostics;
using BankFunctions.TestSupport;

namespace BankFunctions.Bench.Common;

/// <summary>
/// The gateway host (functions/BankFunctions.Host, Release build) as a child process, configured through environment
/// variables the way run.sh configures it, with the queue processors and timers on (the chaos and webhooks benchmarks).
/// Every start keeps the same port, storage and signing keys, so a restart is the same deployment coming back after a crash.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private readonly string _dll;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _logDirectory;
    private readonly List<string> _logs = [];
    private Process? _process;
    private StreamWriter? _log;

    /// <summary>
    /// The settings every child-process bench gives the host: its storage and operator key, fresh local signing keys kept in
    /// <paramref name="work"/> across restarts (like .local/keys in run.sh: the connections' keys must survive a crash),
    /// both banks at BankSim, no throttling (not what is measured), processors and timers on. A bench adds its own.
    /// </summary>
    public static Dictionary<string, string> BaseEnvironment(AzuriteFixture azurite, string operatorKey, Uri bankSim, string work) => new()
    {
        ["Storage__ConnectionString"] = azurite.ConnectionString,
        ["Operator__ApiKey"] = operatorKey,
        ["Audit__SealKey"] = "bench-audit-seal-key-0123456789abcdef0123",
        ["Signing__Mode"] = "Local",
        ["Signing__LocalKeyPath"] = Path.Combine(work, "keys"),
        ["HostJson__Path"] = RepoPaths.Combine("host.json"),
        ["Banks__simbank_iso__BaseUrl"] = bankSim.ToString(),
        ["Banks__simbank_cmb__BaseUrl"] = bankSim.ToString(),
        ["RateLimit__PermitsPerSecond"] = "100000",
        ["Runtime__Disabled"] = "false",
    };

    public HostProcess(IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        var port = FreePort.Next();
        Uri = new Uri($"http://127.0.0.1:{port}/");
        _environment = environment;
        _logDirectory = logDirectory;
        _dll = RepoPaths.Combine("functions", "BankFunctions.Host", "bin", "Release", "net10.0", "BankFunctions.Host.dll");
        if (!File.Exists(_dll))
        {
            throw new InvalidOperationException($"{_dll} is missing: build the host in Release (bench.sh does).");
        }
    }

    public Uri Uri { get; }

    /// <summary>The log file of every start so far (stdout and stderr of the host).</summary>
    public IReadOnlyList<string> Logs => _logs;

    /// <summary>Starts the host and waits until GET /health answers 200; returns how long that took.</summary>
    public async Task<TimeSpan> StartAsync()
    {
        var watch = Stopwatch.StartNew();
        var logPath = Path.Combine(_logDirectory, $"host-{_logs.Count + 1}.log");
        _logs.Add(logPath);
        var log = new StreamWriter(logPath) { AutoFlush = false };
        _log = log;
        var start = new ProcessStartInfo("dotnet")
        {
            // The host's own folder, so its appsettings.json (log levels) applies as in a deployment.
            WorkingDirectory = Path.GetDirectoryName(_dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(_dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(Uri.ToString().TrimEnd('/'));
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        void Write(string? line)
        {
            if (line is not null)
            {
                lock (log)
                {
                    log.WriteLine(line);
                }
            }
        }
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var probe = new HttpClient { BaseAddress = Uri, Timeout = TimeSpan.FromSeconds(5) };
        while (watch.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {process.ExitCode} while starting; see {logPath}.");
            }
            try
            {
                using var response = await probe.GetAsync("health");
                if (response.IsSuccessStatusCode)
                {
                    return watch.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The host did not become healthy in 2 minutes; see {logPath}.");
    }

    /// <summary>
    /// SIGKILL (Process.Kill on Unix): no graceful shutdown, so leased queue messages are not released and in-flight
    /// work stops wherever it is — the crash the outbox and the stage state machines must survive.
    /// </summary>
    public void Kill()
    {
        if (_process is not { } process)
        {
            return;
        }
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
        }
        process.WaitForExit();
        process.Dispose();
        _process = null;
        lock (_log!)
        {
            _log.Flush();
            _log.Dispose();
        }
    }

    public void Dispose() => Kill();
}
