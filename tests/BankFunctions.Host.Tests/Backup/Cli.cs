using System.IO.Compression;
using System.Text;
using BankFunctions.Cli.Backup;
using BankFunctions.Cli.Commands;

namespace BankFunctions.Host.Tests.Backup;

/// <summary>Runs the CLI in process (the same entry point as the executable) and reads what a backup holds.</summary>
internal static class Cli
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static Outcome Run(params string[] args)
    {
        using var output = new MemoryStream();
        using var error = new StringWriter();
        var code = CommandLine.Run(args, output, error);
        return new Outcome(code, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    public static string NewDirectory() => Path.Combine(Path.GetTempPath(), "bf-backup-" + Guid.NewGuid().ToString("N"));

    /// <summary>Every line of a gzip NDJSON file of the backup.</summary>
    public static List<string> Lines(string backup, string path)
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(backup, path)), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }
        return lines;
    }

    public static List<Azure.Data.Tables.TableEntity> Rows(string backup, string table) =>
        Lines(backup, BackupFile.TablePath(table)).Select(l => EntityJson.Read(Encoding.UTF8.GetBytes(l))).ToList();
}
