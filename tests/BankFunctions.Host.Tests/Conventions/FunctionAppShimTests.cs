using System.Text.RegularExpressions;
using BankFunctions.Features;
using BankFunctions.Features.Runtime;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Conventions;

/// <summary>
/// The Azure Functions app cannot be built here (its Worker packages do not restore), so its shims are checked from
/// source: exactly one [Function] shim per FunctionCatalog entry, with the catalog's trigger, route, queue or schedule,
/// and nothing else in the project.
/// </summary>
public sealed partial class FunctionAppShimTests
{
    private sealed record Shim(string File, string Name, string Trigger);

    private static List<Shim> Shims()
    {
        var folder = RepoPaths.Combine("functions", "BankFunctions.FunctionApp", "Functions");
        var shims = new List<Shim>();
        foreach (var file in Directory.GetFiles(folder, "*.cs"))
        {
            var source = File.ReadAllText(file);
            var functions = FunctionAttribute().Matches(source);
            Assert.True(functions.Count == 1, $"{Path.GetFileName(file)} must hold exactly one [Function] shim");
            var name = functions[0].Groups[1].Value;
            string trigger;
            if (HttpAttribute().Match(source) is { Success: true } http)
            {
                trigger = $"http {http.Groups[1].Value.ToUpperInvariant()} {http.Groups[2].Value}";
                Assert.Contains($"FunctionCatalog.Find(\"{name}\")", source, StringComparison.Ordinal);
            }
            else if (QueueAttribute().Match(source) is { Success: true } queue)
            {
                trigger = $"queue {queue.Groups[1].Value}";
                Assert.Contains($"new QueueMessageContext(\"{queue.Groups[1].Value}\"", source, StringComparison.Ordinal);
            }
            else if (TimerAttribute().Match(source) is { Success: true } timer)
            {
                trigger = $"timer {timer.Groups[1].Value}";
                Assert.Contains($"new TimerTick(\"{name}\"", source, StringComparison.Ordinal);
            }
            else
            {
                trigger = "none";
            }
            shims.Add(new Shim(Path.GetFileName(file), name, trigger));
        }
        return shims;
    }

    private static string Expected(FunctionDefinition f) => f.Trigger switch
    {
        HttpTrigger h => $"http {h.Method} {h.Route}",
        QueueTrigger q => $"queue {q.QueueName}",
        TimerTrigger t => $"timer {t.Schedule}",
        _ => "unknown",
    };

    public static TheoryData<string> CatalogNames()
    {
        var data = new TheoryData<string>();
        foreach (var f in FunctionCatalog.All)
        {
            data.Add(f.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CatalogNames))]
    public void Every_catalog_entry_has_a_shim_with_the_same_trigger(string name)
    {
        var function = FunctionCatalog.Find(name);
        var shim = Shims().SingleOrDefault(s => s.Name == name);
        Assert.True(shim is not null, $"No shim for catalog entry {name} in functions/BankFunctions.FunctionApp/Functions");
        Assert.Equal(Expected(function), shim!.Trigger);
    }

    [Fact]
    public void No_shim_without_a_catalog_entry_and_nothing_else_in_the_project()
    {
        var names = FunctionCatalog.All.Select(f => f.Name).ToHashSet();
        Assert.All(Shims(), s => Assert.Contains(s.Name, names));
        Assert.Equal(FunctionCatalog.All.Count, Shims().Count);
        var project = RepoPaths.Combine("functions", "BankFunctions.FunctionApp");
        var sources = Directory.GetFiles(project, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(project, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("Functions/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        Assert.Equal(["GlobalUsings.cs", "Program.cs"], sources);
    }

    [GeneratedRegex(@"\[Function\(""(\w+)""\)\]")]
    private static partial Regex FunctionAttribute();

    [GeneratedRegex(@"\[HttpTrigger\(AuthorizationLevel\.\w+, ""(\w+)"", Route = ""([^""]+)""\)\]")]
    private static partial Regex HttpAttribute();

    [GeneratedRegex(@"\[QueueTrigger\(""([^""]+)""\)\]")]
    private static partial Regex QueueAttribute();

    [GeneratedRegex(@"\[TimerTrigger\(""([^""]+)""\)\]")]
    private static partial Regex TimerAttribute();
}
