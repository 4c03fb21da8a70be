using System.Text.RegularExpressions;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Infra;

/// <summary>Reads docs/CONFIGURATION.md, the contract between the code, the docs and infra/*.bicep.</summary>
public static partial class ConfigurationDoc
{
    private static string Text => File.ReadAllText(RepoPaths.Combine("docs", "CONFIGURATION.md"));

    /// <summary>Every key in the first column of the "| key | meaning | default |" table (a cell may list several).</summary>
    public static IReadOnlyList<string> Keys()
    {
        var rows = Text.Split('\n')
            .Select(line => line.Trim())
            .SkipWhile(line => !line.StartsWith("| key ", StringComparison.Ordinal))
            .Skip(2) // header and |---| separator
            .TakeWhile(line => line.StartsWith('|'));
        var keys = rows
            .Select(row => row.Split('|')[1])
            .SelectMany(cell => BacktickedName().Matches(cell).Select(m => m.Groups["name"].Value))
            .ToList();
        return keys.Count > 0 ? keys : throw new InvalidOperationException("No configuration table found in docs/CONFIGURATION.md");
    }

    /// <summary>The "Timers:" line: function name to six-field NCRONTAB schedule.</summary>
    public static IReadOnlyDictionary<string, string> Timers()
    {
        var line = Text.Split('\n').Single(l => l.StartsWith("Timers:", StringComparison.Ordinal));
        return TimerEntry().Matches(line).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["schedule"].Value);
    }

    [GeneratedRegex("`(?<name>[^`]+)`")]
    private static partial Regex BacktickedName();

    [GeneratedRegex(@"`(?<name>[a-z-]+)` \(`(?<schedule>[^`]+)`\)")]
    private static partial Regex TimerEntry();
}
