using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using BankFunctions.Banks;

namespace BankFunctions.Features.Tests.Architecture;

/// <summary>
/// Issue #12: banks are profiles, not code branches. Features works through <see cref="IBankFamily"/> only: it names no
/// type of a family's folder (<c>BankFunctions.Banks.Adapters.*</c>: adapters, options, crypto, the families themselves)
/// and no family by name, so it cannot switch on one; what differs between families is each family's, once.
/// </summary>
public sealed class BankFamilyConventionTests
{
    private const string AdapterFolders = "BankFunctions.Banks.Adapters";

    [Fact]
    public void Features_names_no_type_of_an_adapter_family_folder()
    {
        var uses = ModuleDependencyTests.Uses("BankFunctions.Features")
            .Where(u => ModuleDependencyTests.InModule(u.Used, AdapterFolders))
            .Select(u => $"{u.User.FullName} → {u.Used.FullName}").Distinct().ToList();
        Assert.True(uses.Count == 0, "Features reaches into a family's folder (go through IBankFamily):\n" + string.Join("\n", uses));
    }

    [Fact]
    public void Features_names_no_family_in_a_string()
    {
        var names = BankFamilies.All.Select(f => f.Name).ToList();
        var hits = UserStrings(typeof(FunctionCatalog).Assembly.Location)
            .Where(s => names.Any(n => s.Contains(n, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(hits.Count == 0, "Features names a bank family (make it the family's, behind IBankFamily):\n" + string.Join("\n", hits));
    }

    [Fact]
    public void The_scans_see_what_features_uses_of_the_banks()
    {
        // Checks that see nothing would pass forever: Features builds adapters through the family contract, and its
        // strings are read (a problem title it returns).
        Assert.Contains(ModuleDependencyTests.Uses("BankFunctions.Features"), u => u.Used == typeof(IBankFamily));
        Assert.Contains(ModuleDependencyTests.Uses("BankFunctions.Features"), u => u.Used == typeof(BankFamilyAdapters));
        Assert.Contains(UserStrings(typeof(FunctionCatalog).Assembly.Location), s => s.Contains("must be one of", StringComparison.Ordinal));
        Assert.Contains(typeof(IBankFamily).Assembly.GetTypes(), t => t.Namespace?.StartsWith(AdapterFolders, StringComparison.Ordinal) == true && typeof(IBankFamily).IsAssignableFrom(t));
    }

    /// <summary>The string literals of an assembly (its #US heap: every <c>ldstr</c> operand).</summary>
    private static List<string> UserStrings(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var metadata = pe.GetMetadataReader();
        var strings = new List<string>();
        var handle = MetadataTokens.UserStringHandle(1);
        while (!handle.IsNil)
        {
            strings.Add(metadata.GetUserString(handle));
            handle = metadata.GetNextHandle(handle);
        }
        return strings;
    }
}
