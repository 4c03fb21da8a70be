namespace BankFunctions.Cli.Commands;

/// <summary>Routes "bankfunctions &lt;group&gt; &lt;command&gt; …" to one command class per command.</summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int ParseError = 2;
    /// <summary>backup, restore or verify could not complete (reason on stderr).</summary>
    public const int Failed = 3;

    public static int Run(string[] args, Stream output, TextWriter error)
    {
        if (args.Length >= 2 && args[0] == "statement" && args[1] == "parse")
        {
            return StatementParseCommand.Run(args[2..], output, error);
        }
        if (args.Length >= 1 && args[0] is "backup" or "restore" or "verify")
        {
            using var text = Text(output);
            text.AutoFlush = true;
            var rest = args[1..];
            if (rest.Contains("--help") || rest.Contains("-h"))
            {
                text.WriteLine(args[0] switch { "backup" => BackupCommands.BackupHelp, "restore" => BackupCommands.RestoreHelp, _ => BackupCommands.VerifyHelp });
                return Ok;
            }
            return args[0] switch
            {
                "backup" => BackupCommands.Backup(rest, text, error),
                "restore" => BackupCommands.Restore(rest, text, error),
                _ => BackupCommands.Verify(rest, text, error),
            };
        }
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            using var text = Text(output);
            text.WriteLine(Help);
            return Ok;
        }
        error.WriteLine($"unknown command '{string.Join(' ', args)}'");
        error.WriteLine(Help);
        return Usage;
    }

    /// <summary>Text on the output stream: UTF-8 without a byte order mark, like Console.Out.</summary>
    public static StreamWriter Text(Stream output) => new(output, new System.Text.UTF8Encoding(false), bufferSize: 16 * 1024, leaveOpen: true);

    private const string Help = """
        BankFunctions command line

        Commands:
          statement parse <file> [--json]   read an MT940/MT942, camt.052/053/054 or CMB DCTRSINF file
          backup (--tenant <id> | --all) --out <dir | container URL with SAS>
                                            export tables and blobs with a manifest (row counts, SHA-256)
          restore --from <dir | URL> [--tenant <id>] [--overwrite]
                                            verify, then write a backup into an empty account
          verify --from <dir | URL>         check every file of a backup against its manifest
          --help                            this text

        Exit codes: 0 ok, 1 usage error, 2 the file could not be parsed, 3 backup/restore/verify failed (reason on stderr).
        """;
}
