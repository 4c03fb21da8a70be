using BankFunctions.Banks.Adapters.Cmb;
using BankFunctions.Banks.Adapters.Iso;

namespace BankFunctions.Banks;

/// <summary>The adapter families this gateway speaks: the one place that knows the set (a new family is one line here).</summary>
public static class BankFamilies
{
    public static IReadOnlyList<IBankFamily> All { get; } = [new Iso20022Family(), new CmbCloudFamily()];

    /// <summary>The family a profile names (case-insensitive, as the setting was read before); null if none is.</summary>
    public static IBankFamily? Find(string? name) =>
        name is null ? null : All.FirstOrDefault(f => string.Equals(f.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
}
