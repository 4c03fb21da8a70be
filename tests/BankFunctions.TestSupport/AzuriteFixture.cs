using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace BankFunctions.TestSupport;

/// <summary>
/// Starts a private Azurite (the version pinned in package.json) on free loopback ports, with its data in a fresh temp
/// folder, for the lifetime of a test collection. Never assumes one is already running. Use as an xunit collection fixture.
/// Not --inMemoryPersistence: there every queue message becomes its own in-memory extent, and the queue service's
/// garbage collection (first run 60 s after start, then every 60 s) deletes the spent ones one by one with a LokiJS
/// index update each — quadratic, on Node's single thread: ~4,500 spent messages froze all three services for 20–25 s.
/// On disk, messages share a few extent files and that collection is trivial. The folder is on tmpfs where there is one:
/// Azurite fdatasyncs every message and blob it stores, which on a busy disk costs tens to hundreds of milliseconds.
/// A bench whose tables outgrow that (a million rows) starts it through <see cref="Start"/> with <see cref="AzuriteOptions"/>.
/// Azurite's stderr is kept (its last lines) so that a start failure or a death mid-run says why.
/// </summary>
public sealed class AzuriteFixture : IAsyncDisposable, IDisposable
{
    // The well-known development account key that Azurite documents; not a secret.
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly StderrTail _stderr = new();
    private volatile bool _disposing;

    public AzuriteFixture() : this(AzuriteOptions.Default)
    {
    }

    /// <summary>A bench's Azurite with a bigger Node heap and/or in-memory persistence; tests use the parameterless one.</summary>
    public static AzuriteFixture Start(AzuriteOptions options) => new(options);

    private AzuriteFixture(AzuriteOptions options)
    {
        var exe = RepoPaths.Combine("node_modules", ".bin", "azurite");
        if (!File.Exists(exe))
        {
            throw new InvalidOperationException("Azurite is not installed: run `npm ci` at the repository root (test.sh does this).");
        }

        Workspace = NewWorkspace();
        Exception? last = null;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            (BlobPort, QueuePort, TablePort) = ThreeDistinctPorts();
            var psi = new ProcessStartInfo(exe)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (options.NodeHeapMegabytes is { } heap)
            {
                // This process only: the node that runs Azurite (the .bin/azurite script is `#!/usr/bin/env node`).
                var inherited = Environment.GetEnvironmentVariable("NODE_OPTIONS");
                psi.Environment["NODE_OPTIONS"] = $"{inherited} --max-old-space-size={heap}".Trim();
            }
            // Azurite refuses --location together with --inMemoryPersistence (the workspace then stays empty).
            foreach (var arg in options.InMemoryPersistence ? ["--inMemoryPersistence"] : new[] { "--location", Workspace })
            {
                psi.ArgumentList.Add(arg);
            }
            foreach (var arg in new[]
            {
                "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--disableProductStyleUrl", "--loose",
                "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
            })
            {
                psi.ArgumentList.Add(arg);
            }
            var listening = new ListeningLines(BlobPort, QueuePort, TablePort);
            var process = Process.Start(psi)!;
            process.OutputDataReceived += (_, line) => listening.Observe(line.Data);
            process.ErrorDataReceived += (_, line) => _stderr.Add(line.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            // A loaded 2-core machine can take well over 30 s to start node; a port race shows up as an early exit instead.
            if (listening.WaitAll(process, TimeSpan.FromSeconds(90)))
            {
                _process = process;
                // An Azurite that dies mid-run otherwise shows up only as "connection refused" in whatever called it.
                process.EnableRaisingEvents = true;
                process.Exited += (_, _) =>
                {
                    if (!_disposing)
                    {
                        Console.Error.WriteLine($"Azurite (table port {TablePort}) died: {ExitReport}");
                    }
                };
                return;
            }
            last = new InvalidOperationException(
                $"Azurite did not start (exit: {(process.HasExited ? process.ExitCode : -1)}); stderr: {_stderr.Text()}");
            _stderr.Clear();
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        }
        DeleteWorkspace();
        throw last!;
    }

    /// <summary>The private folder Azurite keeps its data in; deleted on dispose.</summary>
    public string Workspace { get; }

    /// <summary>
    /// Null while Azurite runs; once it has exited on its own, its exit code and the last lines it wrote to stderr
    /// (a Node "heap out of memory" or "Invalid string length" says why), for a caller's error message.
    /// </summary>
    public string? ExitReport
    {
        get
        {
            if (!_process.HasExited)
            {
                return null;
            }
            // The exit event can fire before the last stderr lines arrive: wait for the end of the stream.
            _process.WaitForExit();
            return $"exit code {_process.ExitCode}; stderr: {_stderr.Text()}";
        }
    }

    /// <summary>Azurite's node process, for a bench that reads its memory from /proc.</summary>
    public int ProcessId => _process.Id;

    public int BlobPort { get; private set; }
    public int QueuePort { get; private set; }
    public int TablePort { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    public TableServiceClient Tables() => new(ConnectionString);
    public QueueServiceClient Queues() => new(ConnectionString);
    public BlobServiceClient Blobs() => new(ConnectionString);

    private static (int Blob, int Queue, int Table) ThreeDistinctPorts()
    {
        var ports = new HashSet<int>();
        while (ports.Count < 3)
        {
            ports.Add(FreePort.Next());
        }
        var list = ports.ToArray();
        return (list[0], list[1], list[2]);
    }

    /// <summary>
    /// Ready means Azurite itself said each of its three services is listening on the port we gave it. Probing the ports
    /// is not enough: when one port was taken between <see cref="FreePort.Next"/> and Azurite's bind (another test
    /// project's Azurite, say), the probe finds that other server open while ours exits with EADDRINUSE, and the tests
    /// then talk to the wrong service (a table request answered by another Azurite's blob service: 400 InvalidResourceName).
    /// </summary>
    private sealed class ListeningLines(int blobPort, int queuePort, int tablePort)
    {
        private readonly string[] _expected =
        [
            $"Blob service is successfully listening at http://127.0.0.1:{blobPort}",
            $"Queue service is successfully listening at http://127.0.0.1:{queuePort}",
            $"Table service is successfully listening at http://127.0.0.1:{tablePort}",
        ];
        private readonly bool[] _seen = new bool[3];
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Observe(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (_seen)
            {
                for (var i = 0; i < _expected.Length; i++)
                {
                    _seen[i] |= line.Contains(_expected[i], StringComparison.Ordinal);
                }
                if (_seen.All(seen => seen))
                {
                    _all.TrySetResult();
                }
            }
        }

        public bool WaitAll(Process process, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                if (_all.Task.Wait(100))
                {
                    // A port lost after "listening" is not possible, but an exit racing the last line is: check once more.
                    return !process.HasExited;
                }
                if (process.HasExited)
                {
                    return false;
                }
            }
            return false;
        }
    }

    /// <summary>The last lines Azurite wrote to stderr (it writes nothing there while healthy with --silent).</summary>
    private sealed class StderrTail
    {
        private const int Lines = 30;
        private readonly Queue<string> _lines = new();

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (_lines)
            {
                _lines.Enqueue(line);
                if (_lines.Count > Lines)
                {
                    _lines.Dequeue();
                }
            }
        }

        public void Clear()
        {
            lock (_lines)
            {
                _lines.Clear();
            }
        }

        public string Text()
        {
            lock (_lines)
            {
                return _lines.Count == 0 ? "(empty)" : Environment.NewLine + string.Join(Environment.NewLine, _lines);
            }
        }
    }

    public void Dispose()
    {
        _disposing = true;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        DeleteWorkspace();
    }

    private const long MinimumTmpfsBytes = 2L * 1024 * 1024 * 1024;

    private static string NewWorkspace()
    {
        // A container's /dev/shm is often 64 MB: a full tmpfs would fail writes mid-test, so only a roomy one is used.
        const string tmpfs = "/dev/shm";
        var root = Directory.Exists(tmpfs) && new DriveInfo(tmpfs).AvailableFreeSpace >= MinimumTmpfsBytes ? tmpfs : Path.GetTempPath();
        return Directory.CreateDirectory(Path.Combine(root, "bf-azurite-" + Guid.NewGuid().ToString("N"))).FullName;
    }

    private void DeleteWorkspace()
    {
        try
        {
            Directory.Delete(Workspace, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover folder in the temp directory is harmless.
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
