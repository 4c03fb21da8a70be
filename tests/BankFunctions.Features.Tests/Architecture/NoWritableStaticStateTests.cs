using System.Reflection;
using System.Runtime.CompilerServices;

namespace BankFunctions.Features.Tests.Architecture;

/// <summary>
/// Features holds no process-wide state that a host or a test sets (issue #12 §4: "the audit seal is injected"): what
/// a use case needs comes through its constructor, so two hosts (or two tests) in one process cannot see each
/// other's configuration. Checked on the compiled assembly: no static field that can be assigned after start.
/// </summary>
public sealed class NoWritableStaticStateTests
{
    /// <summary>Process-wide by nature, each with the reason.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["BankFunctions.Features.Hosting.TraceContext._listener"] = "ActivitySource listeners are process-wide in .NET; enabled once at start",
    };

    [Fact]
    public void Features_has_no_writable_static_field()
    {
        var writable = WritableStaticFields(typeof(FunctionCatalog).Assembly).Select(f => $"{f.DeclaringType!.FullName}.{f.Name}")
            .Where(name => !Allowed.ContainsKey(name)).ToList();
        Assert.True(writable.Count == 0, "Writable static fields (inject a service instead):\n" + string.Join("\n", writable));
    }

    [Fact]
    public void The_scan_sees_a_writable_static_field()
    {
        // A check that sees nothing would pass forever.
        Assert.Contains(WritableStaticFields(typeof(NoWritableStaticStateTests).Assembly), f => f.Name == nameof(OldAudit.Seal));
    }

    /// <summary>The shape this forbids: a key set once at start and read by every writer.</summary>
    internal static class OldAudit
    {
        public static object? Seal;

        public static void UseSeal(object seal) => Seal = seal;
    }

    private static IEnumerable<FieldInfo> WritableStaticFields(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => !t.IsDefined(typeof(CompilerGeneratedAttribute), false)) // lambda caches the compiler fills once
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => !f.IsInitOnly && !f.IsLiteral && !f.IsDefined(typeof(CompilerGeneratedAttribute), false));
}
