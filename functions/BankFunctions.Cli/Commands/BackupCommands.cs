using System.Diagnostics;
using System.Globalization;
using BankFunctions.Cli.Backup;

namespace BankFunctions.Cli.Commands;

/// <summary>backup, restore and verify (README "Backup and restore", docs/DEPLOY.md): one method each, same options.</summary>
public static class BackupCommands
{
    public const string BackupHelp = """
        usage: backup (--tenant <id> | --all) --out <directory | https://…/container?<SAS>> [--connection-string <cs> | --account <name>]

        Exports every table (gzip NDJSON, one row per line with its property types) and every blob of one tenant or of
        the whole account, and a manifest.json with each file's row count, size and SHA-256. Streams: memory does not
        grow with the data. For one point in time, stop the app first: the manifest counts rows changed while it ran.
        The account: --connection-string; or --account <name> with Entra ID (DefaultAzureCredential, e.g. az login:
        the deployed account has shared keys off); else Storage__ConnectionString, AzureWebJobsStorage, or
        Storage__TableServiceUri and Storage__BlobServiceUri with Entra ID.
        Exit code 0 ok, 1 usage, 3 failed (reason on stderr).
        """;

    public const string RestoreHelp = """
        usage: restore --from <directory | https://…/container?<SAS>> [--tenant <id>] [--overwrite] [--connection-string <cs> | --account <name>]

        Verifies the backup (as `verify`), then writes its rows and blobs into the account (only <id>'s with --tenant).
        Refuses when the account already holds rows or blobs of what is restored, unless --overwrite (which replaces
        rows and blobs that exist and leaves others). Exit code 0 ok, 1 usage, 3 refused or failed (reason on stderr).
        """;

    public const string VerifyHelp = """
        usage: verify --from <directory | https://…/container?<SAS>>

        Checks every file against manifest.json (size, SHA-256, rows) and every blob against its index.
        Exit code 0 intact, 1 usage, 3 a problem (one line per file on stderr).
        """;

    private static readonly HashSet<string> Valued = ["--tenant", "--out", "--from", "--connection-string", "--account"];

    public static int Backup(string[] args, TextWriter output, TextWriter error)
    {
        var options = BackupOptions.Parse(args, Valued, new HashSet<string> { "--all" }, out var problem);
        if (options is null || options.Value("--out") is not { } location || (options.Value("--tenant") is null) == !options.Flag("--all") || options.Value("--from") is not null)
        {
            return Usage(error, BackupHelp, problem ?? "give --out and exactly one of --tenant <id> or --all");
        }
        if (options.Account(out problem) is not ({ } tables, { } blobs))
        {
            return Usage(error, BackupHelp, problem!);
        }
        return Run(error, async () =>
        {
            var store = BackupStore.Open(location);
            var watch = Stopwatch.StartNew();
            var manifest = await new BackupWriter(tables, blobs, store, TimeProvider.System, output).RunAsync(options.Value("--tenant"), CancellationToken.None);
            var rows = manifest.Files.Where(f => f.Kind == BackupFile.TableKind).Sum(f => f.Count);
            var blobCount = manifest.Files.Where(f => f.Kind == BackupFile.BlobIndexKind).Sum(f => f.Count);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"backup of {manifest.Tenant ?? "the whole account"} in {store.Describe}: {rows} rows, {blobCount} blobs in {watch.Elapsed.TotalSeconds:F1} s ({rows / Math.Max(watch.Elapsed.TotalSeconds, 0.001):F0} rows/s)"));
            if (manifest.RowsChangedDuringBackup > 0)
            {
                error.WriteLine($"warning: {manifest.RowsChangedDuringBackup} rows changed while the backup ran: it is not one point in time (stop the app for that, docs/DEPLOY.md)");
            }
        });
    }

    public static int Restore(string[] args, TextWriter output, TextWriter error)
    {
        var options = BackupOptions.Parse(args, Valued, new HashSet<string> { "--overwrite" }, out var problem);
        if (options is null || options.Value("--from") is not { } location || options.Value("--out") is not null)
        {
            return Usage(error, RestoreHelp, problem ?? "give --from");
        }
        if (options.Account(out problem) is not ({ } tables, { } blobs))
        {
            return Usage(error, RestoreHelp, problem!);
        }
        return Run(error, async () =>
        {
            var store = BackupStore.Open(location);
            var verifier = new BackupVerifier(store);
            var manifest = await verifier.ReadManifestAsync(CancellationToken.None);
            var problems = await verifier.VerifyAsync(manifest, CancellationToken.None);
            if (problems.Count > 0)
            {
                throw new BackupException("the backup does not verify, nothing restored:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
            }
            var watch = Stopwatch.StartNew();
            var result = await new RestoreRunner(tables, blobs, store, output).RunAsync(manifest, options.Value("--tenant"), options.Flag("--overwrite"), CancellationToken.None);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"restored {result.Rows} rows, {result.Blobs} blobs in {watch.Elapsed.TotalSeconds:F1} s ({result.Rows / Math.Max(watch.Elapsed.TotalSeconds, 0.001):F0} rows/s)"));
        });
    }

    public static int Verify(string[] args, TextWriter output, TextWriter error)
    {
        var options = BackupOptions.Parse(args, new HashSet<string> { "--from" }, new HashSet<string>(), out var problem);
        if (options is null || options.Value("--from") is not { } location)
        {
            return Usage(error, VerifyHelp, problem ?? "give --from");
        }
        return Run(error, async () =>
        {
            var verifier = new BackupVerifier(BackupStore.Open(location));
            var manifest = await verifier.ReadManifestAsync(CancellationToken.None);
            var problems = await verifier.VerifyAsync(manifest, CancellationToken.None);
            if (problems.Count > 0)
            {
                throw new BackupException(string.Join(Environment.NewLine, problems));
            }
            output.WriteLine($"backup intact: {manifest.Files.Count} files match {BackupManifest.FileName}");
        });
    }

    private static int Usage(TextWriter error, string help, string problem)
    {
        error.WriteLine(problem);
        error.WriteLine(help);
        return CommandLine.Usage;
    }

    private static int Run(TextWriter error, Func<Task> work)
    {
        try
        {
            // A console process has no synchronisation context: waiting here cannot deadlock.
            work().GetAwaiter().GetResult();
            return CommandLine.Ok;
        }
        catch (Exception e) when (e is BackupException or FileNotFoundException or Azure.RequestFailedException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidDataException or FormatException or InvalidOperationException)
        {
            error.WriteLine(e is Azure.RequestFailedException r ? $"storage: {r.Status} {r.ErrorCode}: {r.Message.Split('\n')[0]}" : e.Message);
            return CommandLine.Failed;
        }
    }
}
