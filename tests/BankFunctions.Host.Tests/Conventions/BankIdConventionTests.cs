using System.Text.RegularExpressions;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Conventions;

/// <summary>
/// Issue #12: banks are profiles, not code. A bank's id (the simulator's "simbank-iso", or "simbank_iso" as a setting
/// name) is written in its adapter's folder (functions/BankFunctions.Banks/Adapters/&lt;bank&gt;/) and in configuration
/// (appsettings*.json, local.settings*.json, run.sh, infra/ — none of them C#), nowhere else in the product's code.
/// Comments may name a bank; code and string literals may not. tools/BankSim is the bank, not the product.
/// The allow-list holds today's violations while the conversion is under way; it may only shrink: a listed file that
/// no longer names a bank fails the test too, so whoever fixes one removes its line.
/// </summary>
public sealed partial class BankIdConventionTests
{
    /// <summary>Files allowed to name a bank anyway, one a line (path from the repository root) with why; none since #12.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
    };

    private const string AdapterFolder = "functions/BankFunctions.Banks/Adapters/";

    [Fact]
    public void No_bank_id_in_product_code_outside_the_adapters_and_configuration()
    {
        var hits = ProductSources()
            .SelectMany(path => Hits(File.ReadAllText(RepoPaths.Combine(path))).Select(line => (Path: path, Line: line)))
            .ToList();
        var files = hits.Select(h => h.Path).ToHashSet(StringComparer.Ordinal);

        var added = hits.Where(h => !Allowed.ContainsKey(h.Path)).Select(h => $"{h.Path}:{h.Line}").ToList();
        var fixedNow = Allowed.Keys.Where(a => !files.Contains(a)).Order(StringComparer.Ordinal).ToList();
        Assert.True(added.Count == 0 && fixedNow.Count == 0,
            "bank id in product code (make it profile data or move it into its adapter):\n" + string.Join('\n', added)
            + "\n\nallow-listed but names no bank any more — remove from Allowed:\n" + string.Join('\n', fixedNow));
    }

    [Fact]
    public void The_scan_sees_ids_in_code_and_literals_but_not_in_comments()
    {
        const string source = """
            // simbank-iso in a line comment
            /* simbank-cmb in a block comment */
            /// <summary>e.g. "simbank-iso"</summary>
            var url = "http://host/simbank-x"; // the literal counts although a comment follows
            var setting = "Banks:SIMBANK_ISO:BaseUrl";
            var quote = '"'; var fine = "//not a comment";
            """;
        Assert.Equal([4, 5], Hits(source));
    }

    [Fact]
    public void The_scan_reads_product_code_and_skips_the_adapters()
    {
        var sources = ProductSources().ToList();
        Assert.Contains("functions/BankFunctions.Features/FunctionCatalog.cs", sources);
        Assert.DoesNotContain(sources, s => s.StartsWith(AdapterFolder, StringComparison.Ordinal));
        Assert.DoesNotContain(sources, s => s.Contains("/obj/", StringComparison.Ordinal) || s.Contains("/bin/", StringComparison.Ordinal));
    }

    /// <summary>The C# sources of functions/, outside the adapters' folder and build output, relative to the repository root.</summary>
    private static IEnumerable<string> ProductSources() =>
        Directory.EnumerateFiles(RepoPaths.Combine("functions"), "*.cs", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(RepoPaths.Root, p).Replace('\\', '/'))
            .Where(p => !p.StartsWith(AdapterFolder, StringComparison.Ordinal) && !p.Contains("/obj/", StringComparison.Ordinal) && !p.Contains("/bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    /// <summary>Line numbers (1-based) where code, with comments blanked out, names a bank id.</summary>
    internal static List<int> Hits(string source)
    {
        var code = Token().Replace(source, m => m.Groups["comment"].Success ? Regex.Replace(m.Value, "[^\n]", " ") : m.Value);
        return BankId().Matches(code).Select(m => code.AsSpan(0, m.Index).Count('\n') + 1).Distinct().ToList();
    }

    /// <summary>
    /// Literals first, so a "//" inside a string is no comment and a quote inside a comment starts no string: raw
    /// strings, verbatim strings, regular strings, character literals, then line and block comments.
    /// </summary>
    [GeneratedRegex("\"\"\"[\\s\\S]*?\"\"\"|@\"(?:[^\"]|\"\")*\"|\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)+'|(?<comment>//[^\\n]*|/\\*[\\s\\S]*?\\*/)")]
    private static partial Regex Token();

    /// <summary>The simulator's bank ids, as ids ("simbank-iso") and as setting names ("simbank_iso").</summary>
    [GeneratedRegex("simbank[-_]", RegexOptions.IgnoreCase)]
    private static partial Regex BankId();
}
