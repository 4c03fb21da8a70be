using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace BankSim.Tests;

/// <summary>Checks what a PDF reader relies on: header, every xref offset pointing at its object, trailer, page count.</summary>
public static partial class PdfStructure
{
    public static void AssertValid(byte[] pdf, int expectedPages, IEnumerable<string> mustContain)
    {
        var text = Encoding.ASCII.GetString(pdf);
        Assert.StartsWith("%PDF-1.", text);
        Assert.EndsWith("%%EOF\n", text);
        var startxref = int.Parse(StartXref().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.StartsWith("xref", text[startxref..]);
        var entries = XrefEntry().Matches(text[startxref..]).Skip(1).ToList(); // first is the free entry
        Assert.NotEmpty(entries);
        for (var i = 0; i < entries.Count; i++)
        {
            var offset = int.Parse(entries[i].Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.StartsWith($"{i + 1} 0 obj", text[offset..]);
        }
        Assert.Contains($"/Count {expectedPages}", text);
        foreach (var s in mustContain)
        {
            Assert.Contains(s, text);
        }
    }

    [GeneratedRegex(@"startxref\n(\d+)\n%%EOF")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"(\d{10}) \d{5} [nf] \n")]
    private static partial Regex XrefEntry();
}
