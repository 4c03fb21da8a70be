using System.Text.RegularExpressions;
using BankFunctions.Features;
using BankFunctions.Features.Runtime;
using BankFunctions.TestSupport;

namespace BankFunctions.FunctionApp.Tests.Metadata;

/// <summary>
/// Every shim runs the Features code path the ASP.NET Core host runs, and nothing of its own: an HTTP shim hands its
/// catalog entry and HttpContext to HttpFunctionInvoker (as CatalogRoutes does); a queue shim hands the catalog's
/// handler a QueueMessageContext of its queue through TracedInvocation (as QueueProcessor does); a timer shim hands it a
/// TimerTick of its name through TracedInvocation (as TimerRunner does). Triggers, routes, queues and schedules are checked on the built metadata (FunctionsMetadataTests).
/// </summary>
public sealed partial class ShimSourceTests
{
    private static readonly string Project = RepoPaths.Combine("functions", "BankFunctions.FunctionApp");

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
    public void The_shim_only_delegates_to_the_shared_core(string name)
    {
        var function = FunctionCatalog.Find(name);
        var file = Path.Combine(Project, "Functions", name + "Function.cs");
        Assert.True(File.Exists(file), $"No shim for {name}: expected {Path.GetRelativePath(RepoPaths.Root, file)}");
        var source = File.ReadAllText(file);

        Assert.Single(FunctionAttribute().Matches(source));
        Assert.Contains($"[Function(\"{name}\")]", source, StringComparison.Ordinal);
        var body = Body().Match(source);
        Assert.True(body.Success, $"{name}: the shim must be one expression-bodied Run method");
        var expected = function.Trigger switch
        {
            HttpTrigger => $"invoker.InvokeAsync(FunctionCatalog.Find(\"{name}\"), request.HttpContext);",
            QueueTrigger q => $"handler.InvokeAsync(new QueueMessageContext(\"{q.QueueName}\", message.MessageId, message.Body.ToString(), message.DequeueCount, message.InsertedOn), cancellationToken);",
            TimerTrigger => $"handler.InvokeAsync(new TimerTick(\"{name}\", DateTimeOffset.UtcNow, timer.ScheduleStatus?.Last), cancellationToken);",
            _ => "?",
        };
        Assert.Equal(expected, Regex.Replace(body.Groups[1].Value, @"\s+", " ").Trim());
        var injected = function.Trigger is HttpTrigger ? "HttpFunctionInvoker invoker" : $"{function.Handler.Name} handler";
        Assert.Contains($"({injected})", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_but_shims_and_the_shared_startup_in_the_project()
    {
        var sources = Directory.GetFiles(Project, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Project, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(["GlobalUsings.cs", "Program.cs", "WorkerSetup.cs"], sources.Where(f => !f.StartsWith("Functions/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(FunctionCatalog.All.Select(f => $"Functions/{f.Name}Function.cs").Order(StringComparer.Ordinal),
            sources.Where(f => f.StartsWith("Functions/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"\[Function\(")]
    private static partial Regex FunctionAttribute();

    [GeneratedRegex(@"\)\s*=>\s*([^;]+;)", RegexOptions.Singleline)]
    private static partial Regex Body();
}
