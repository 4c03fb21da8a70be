using BankFunctions.Domain.Receivables;
using Xunit;

namespace BankFunctions.Domain.Tests;

/// <summary>ISO 11649 creditor references: check digits (mod 97 as for IBAN), the printed form, finding them in text.</summary>
public sealed class CreditorReferenceTests
{
    [Theory]
    [InlineData("RF18539007547034", "RF18539007547034")] // the standard's example
    [InlineData("rf18 5390 0754 7034", "RF18539007547034")]
    [InlineData("RF18000000000539007547034", "RF18000000000539007547034")] // 21 characters after the check digits
    public void Valid_references_are_kept_in_their_electronic_form(string text, string expected) =>
        Assert.Equal(expected, CreditorReference.TryNormalize(text));

    [Theory]
    [InlineData("RF19539007547034")] // wrong check digits
    [InlineData("RF18")] // nothing after the check digits
    [InlineData("RF1853900754703-")]
    [InlineData("RF180000000005390075470341")] // 22 characters after the check digits
    [InlineData("XX18539007547034")]
    public void Anything_else_is_not_one(string text) => Assert.Null(CreditorReference.TryNormalize(text));

    [Fact]
    public void References_are_found_in_text_in_their_printed_groups_and_wrong_ones_are_skipped()
    {
        Assert.Equal(["RF18539007547034"], CreditorReference.FindIn("Ref: RF18 5390 0754 7034 invoice 12"));
        Assert.Equal(["RF18539007547034"], CreditorReference.FindIn("RF19 5390 0754 7034 / RF18539007547034"));
        Assert.Empty(CreditorReference.FindIn("transfer RFQ 12"));
    }

    [Fact]
    public void Create_computes_the_check_digits_of_the_standards_example() =>
        Assert.Equal("RF18539007547034", CreditorReference.Create("539007547034"));
}
