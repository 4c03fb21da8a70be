using System.Globalization;
using BankFunctions.Formats.Statements;

namespace BankFunctions.Cli.Commands;

/// <summary>
/// statement parse &lt;file&gt; [--json] [--strict]: the normalised statement JSON (API.md) or a human summary. Both read the file as
/// a stream and keep no entries nor statements, so that memory stays flat however large the file (README "Measured", parse).
/// </summary>
public static class StatementParseCommand
{
    private const string Help = """
        usage: statement parse <file> [--json] [--strict]

        Reads an MT940/MT942, camt.052/053/054 or CMB DCTRSINF file (format detected from its content) and prints
        a summary line per statement and a last line with the format and count, or with --json the normalised
        statement data. Known deviations from the format are read with a warning (code and message; catalogue in
        docs/statement-warnings.md); --strict refuses them instead. Exit code 0 ok, 2 parse error.
        Both write while they read: after a parse error (exit code 2) what is on standard output is incomplete.
        """;

    public static int Run(string[] args, Stream output, TextWriter error)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            using var text = CommandLine.Text(output);
            text.WriteLine(Help);
            return CommandLine.Ok;
        }
        var json = args.Contains("--json");
        var strict = args.Contains("--strict");
        var files = args.Where(a => a is not ("--json" or "--strict")).ToList();
        if (files.Count != 1 || files[0].StartsWith("--", StringComparison.Ordinal))
        {
            error.WriteLine(Help);
            return CommandLine.Usage;
        }

        var path = files[0];
        try
        {
            using var input = File.OpenRead(path);
            var options = new StatementParseOptions { Strict = strict };
            if (json)
            {
                StatementJson.ParseAndWrite(input, Path.GetFileName(path), output, options);
                output.Write("\n"u8);
            }
            else
            {
                using var text = CommandLine.Text(output);
                WriteSummary(input, Path.GetFileName(path), options, text);
            }
        }
        catch (StatementFormatException ex)
        {
            error.WriteLine(ex.Message);
            return CommandLine.ParseError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{path}: cannot read: {ex.Message}");
            return CommandLine.ParseError;
        }
        return CommandLine.Ok;
    }

    /// <summary>One line per statement as it is read (counts and sums only), then the file's format, count and warnings.</summary>
    private static void WriteSummary(Stream input, string fileName, StatementParseOptions options, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        var booked = 0m;
        var statements = 0;
        var result = StatementParser.Parse(input, fileName, options with
        {
            RetainEntries = false,
            RetainStatements = false,
            OnEntry = entry => booked += entry.Status == EntryStatus.Booked ? entry.Amount : 0m,
            OnStatement = statement =>
            {
                statements++;
                output.WriteLine(string.Format(c, "{0} {1} account {2} {3} id {4} seq {5}: {6} entries, opening {7}, booked {8}, closing {9}",
                    statement.Kind, statement.Currency ?? "-", statement.Account ?? "-", $"{statement.From ?? "?"}..{statement.To ?? "?"}",
                    statement.Id ?? "-", statement.Sequence ?? "-", statement.EntryCount,
                    statement.OpeningBalance?.Value.ToString(c) ?? "-", booked.ToString(c), statement.ClosingBalance?.Value.ToString(c) ?? "-"));
                foreach (var warning in statement.Warnings)
                {
                    output.WriteLine("  warning: " + warning);
                }
                booked = 0m;
            },
        });
        // Last, not first: the format (MT940 or MT942) and the count are only known at the end of the file.
        output.WriteLine($"format {result.Format}, {statements} statement(s)");
        foreach (var warning in result.Warnings)
        {
            output.WriteLine("warning: " + warning);
        }
    }
}
