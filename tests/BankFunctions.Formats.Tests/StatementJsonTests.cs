using System.Text.Json.Nodes;
using BankFunctions.Formats.Statements;

namespace BankFunctions.Formats.Tests;

public sealed class StatementJsonTests
{
    [Fact]
    public void Json_is_camel_case_with_amounts_as_exact_strings()
    {
        var result = Corpus.Parse("camt.053/genkgo_camt053.v2.five.decimals.xml");
        var json = JsonNode.Parse(StatementJson.Serialize(result))!;
        var statement = json["statements"]![0]!;
        Assert.Equal("camt.053", statement["kind"]!.GetValue<string>());
        Assert.Equal("18.150", statement["openingBalance"]!["value"]!.GetValue<string>());
        Assert.Equal("8.850", statement["entries"]![0]!["amount"]!.GetValue<string>());
        Assert.Equal("booked", statement["entries"]![0]!["status"]!.GetValue<string>());
        Assert.False(statement["entries"]![0]!["isReversal"]!.GetValue<bool>());
        Assert.Equal("2014-12-31", statement["entries"]![0]!["bookingDate"]!.GetValue<string>());
    }

    [Fact]
    public void Debits_are_negative_in_json()
    {
        var result = StatementText.Parse(":20:X\n:25:A\n:28C:1\n:60F:C240101EUR10,00\n:61:2401010101D2,50NTRFNONREF\n:62F:C240101EUR7,50\n-\n");
        var json = JsonNode.Parse(StatementJson.Serialize(result))!;
        Assert.Equal("-2.50", json["statements"]![0]!["entries"]![0]!["amount"]!.GetValue<string>());
    }
}
