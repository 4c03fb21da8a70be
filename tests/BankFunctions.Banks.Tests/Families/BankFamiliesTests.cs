using BankFunctions.Banks.Adapters.Cmb;
using BankFunctions.Banks.Adapters.Iso;
using Xunit;

namespace BankFunctions.Banks.Tests.Families;

/// <summary>The registry is the one place that knows the families; profiles name them as banks.json spells them.</summary>
public sealed class BankFamiliesTests
{
    [Fact]
    public void The_families_are_iso20022_and_cmbcloud_in_that_order()
    {
        // The order is the profile error's "must be one of Iso20022, CmbCloud".
        Assert.Equal(["Iso20022", "CmbCloud"], BankFamilies.All.Select(f => f.Name));
        Assert.IsType<Iso20022Family>(BankFamilies.All[0]);
        Assert.IsType<CmbCloudFamily>(BankFamilies.All[1]);
    }

    [Theory]
    [InlineData("Iso20022", "Iso20022")]
    [InlineData("iso20022", "Iso20022")]
    [InlineData(" CMBCLOUD ", "CmbCloud")]
    public void A_family_is_found_by_its_name_ignoring_case_and_surrounding_blanks(string name, string expected) =>
        Assert.Equal(expected, BankFamilies.Find(name)?.Name);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("Swift")]
    [InlineData("0")]
    [InlineData("Iso")]
    public void An_unknown_name_finds_no_family(string? name) => Assert.Null(BankFamilies.Find(name));
}
