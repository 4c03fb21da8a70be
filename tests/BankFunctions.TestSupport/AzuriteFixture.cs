using System.Diagnostics;
using System.Net.Sockets;
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
/// </summary>
public sealed class AzuriteFixture : IAsyncDisposable, IDisposable
{
    // The well-known development account key that Azurite documents; not a secret.
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    public AzuriteFixture()
    {
        var exe = RepoPaths.Combine("node_modules", ".bin", "azurite");
        if (!File.Exists(exe))
        {
            throw new InvalidOperationException("Azurite is not installed: run `npm ci` at the repository root (test.sh does this).");
        }

        Workspace = NewWorkspace();
        Exception? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            BlobPort = FreePort.Next();
            QueuePort = FreePort.Next();
            TablePort = FreePort.Next();
            var psi = new ProcessStartInfo(exe)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "--silent", "--disableTelemetry", "--location", Workspace, "--skipApiVersionCheck", "--disableProductStyleUrl", "--loose",
                "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
            })
            {
                psi.ArgumentList.Add(arg);
            }
            var process = Process.Start(psi)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (WaitForPorts(process, TimeSpan.FromSeconds(30)))
            {
                _process = process;
                return;
            }
            last = new InvalidOperationException($"Azurite did not start (exit: {(process.HasExited ? process.ExitCode : -1)}).");
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        }
        DeleteWorkspace();
        throw last!;
    }

    /// <summary>The private folder Azurite keeps its data in; deleted on dispose.</summary>
    public string Workspace { get; }

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

    private bool WaitForPorts(Process process, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            if (IsOpen(BlobPort) && IsOpen(QueuePort) && IsOpen(TablePort))
            {
                return true;
            }
            Thread.Sleep(100);
        }
        return false;
    }

    private static bool IsOpen(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose()
    {
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
