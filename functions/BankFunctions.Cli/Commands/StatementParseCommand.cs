using System.Globalization;
using BankFunctions.Formats.Statements;

namespace BankFunctions.Cli.Commands;

/// <summary>statement parse &lt;file&gt; [--json]: the normalised statement JSON (API.md) or a human summary.</summary>
public static class StatementParseCommand
{
    private const string Help = """
        usage: statement parse <file> [--json] [--strict]

        Reads an MT940/MT942, camt.052/053/054 or CMB DCTRSINF file (format detected from its content) and prints
        a summary per statement, or with --json the normalised statement data. Known deviations from the format
        are read with a warning (code and message; catalogue in docs/statement-warnings.md); --strict refuses them
        instead. Exit code 0 ok, 2 parse error.
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            output.WriteLine(Help);
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

        ParseResult result;
        try
        {
            using var stream = File.OpenRead(files[0]);
            result = StatementParser.Parse(stream, Path.GetFileName(files[0]), new StatementParseOptions { Strict = strict });
        }
        catch (StatementFormatException ex)
        {
            error.WriteLine(ex.Message);
            return CommandLine.ParseError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{files[0]}: cannot read: {ex.Message}");
            return CommandLine.ParseError;
        }

        if (json)
        {
            output.WriteLine(StatementJson.Serialize(result));
        }
        else
        {
            WriteSummary(result, output);
        }
        return CommandLine.Ok;
    }

    private static void WriteSummary(ParseResult result, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"format {result.Format}, {result.Statements.Count} statement(s)");
        foreach (var statement in result.Statements)
        {
            var booked = statement.Entries.Where(e => e.Status == EntryStatus.Booked).Sum(e => e.Amount);
            output.WriteLine(string.Format(c, "{0} {1} account {2} {3} id {4} seq {5}: {6} entries, opening {7}, booked {8}, closing {9}",
                statement.Kind, statement.Currency ?? "-", statement.Account ?? "-", $"{statement.From ?? "?"}..{statement.To ?? "?"}",
                statement.Id ?? "-", statement.Sequence ?? "-", statement.Entries.Count,
                statement.OpeningBalance?.Value.ToString(c) ?? "-", booked.ToString(c), statement.ClosingBalance?.Value.ToString(c) ?? "-"));
            foreach (var warning in statement.Warnings)
            {
                output.WriteLine("  warning: " + warning);
            }
        }
        foreach (var warning in result.Warnings)
        {
            output.WriteLine("warning: " + warning);
        }
    }
}
