using BankFunctions.Formats.Statements;
using BankFunctions.TestSupport;

namespace BankFunctions.Formats.Tests;

/// <summary>The statement files of the conformance corpus (tests/TestData/conformance, see ORIGIN.md there).</summary>
public static class Corpus
{
    public static string Root => RepoPaths.Combine("tests", "TestData", "conformance");

    private static readonly string[] StatementFormats = ["mt940", "mt942", "camt.052", "camt.053", "camt.054"];

    public sealed record Row(string Format, string File, string Detected, string Note)
    {
        public string FullPath => Path.Combine(Root, File);
        public override string ToString() => File;
    }

    public static IReadOnlyList<Row> Rows { get; } = LoadRows();

    /// <summary>Files the MANIFEST marks as negative tests: not statements at all, they must be refused.</summary>
    public static readonly HashSet<string> MustBeRefused = new(StringComparer.Ordinal)
    {
        "mt940/wolph_self-provided_invalid_statement.sta",  // "invalid/garbage statement (negative test)"
        "mt940/wolph_self-provided_empty_non_swift.sta",    // "non-SWIFT/empty input (negative test)"
        "camt.053/genkgo_camt053.v2.wrong.xml",             // "invalid document (negative test)": no Stmt
    };

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var row in Rows) data.Add(row.File);
        return data;
    }

    public static Row Get(string file) => Rows.Single(r => r.File == file);

    public static ParseResult Parse(string file)
    {
        using var stream = File.OpenRead(Path.Combine(Root, file));
        return StatementParser.Parse(stream, Path.GetFileName(file));
    }

    private static List<Row> LoadRows() =>
        File.ReadAllLines(Path.Combine(Root, "MANIFEST.tsv"))
            .Skip(1)
            .Select(line => line.Split('\t'))
            .Where(cols => StatementFormats.Contains(cols[0]))
            .Select(cols => new Row(cols[0], cols[1], cols[7], cols[8]))
            .ToList();
}
