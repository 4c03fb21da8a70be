using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using BankFunctions.Formats.Statements;

namespace BankFunctions.Formats.Tests;

/// <summary>
/// Cross-checks against what other parsers read from the same files (conformance/*/expected, EXPECTED_OUTPUTS.tsv):
/// values (signed amounts, dates, counts), not field names.
/// </summary>
public sealed class ExpectedOutputsTests
{
    private sealed record Expected(decimal Amount, string? Currency, DateOnly? BookingDate, DateOnly? ValueDate);

    /// <summary>
    /// Reference readings we do not match, with the exact differences (none since issue 13 item 2 read the legacy
    /// Rabobank multi-account file's 4th statement, hidden behind a DOS EOF byte); an entry here fails as soon as the
    /// difference changes, so it cannot hide a new one.
    /// </summary>
    private static readonly Dictionary<string, string[]> KnownDifferences = new(StringComparer.Ordinal)
    {
        // (zilverline_rabobank_two_accounts: the DOS EOF byte glued to the 4th ":20:" no longer hides that tag; issue #13.)
    };

    public static TheoryData<string> ExpectedFiles()
    {
        var data = new TheoryData<string>();
        foreach (var line in File.ReadAllLines(Path.Combine(Corpus.Root, "EXPECTED_OUTPUTS.tsv")).Skip(1))
        {
            data.Add(line.Split('\t')[0]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ExpectedFiles))]
    public void Our_reading_matches_the_other_parsers(string expectedFile)
    {
        if (TranscribedOrXml.Any(suffix => expectedFile.EndsWith(suffix, StringComparison.Ordinal))) return;
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Corpus.Root, expectedFile)))!;
        var source = SourceFile(expectedFile);
        var result = Corpus.Parse(source);
        if (expectedFile.EndsWith(".camt.json", StringComparison.Ordinal)) CompareGenkgo(json, result);
        else if (expectedFile.EndsWith(".mt940-rs.json", StringComparison.Ordinal)) CompareMt940Rs(json, result);
        else if (expectedFile.EndsWith(".iso20022.js.json", StringComparison.Ordinal)) CompareIso20022Js(json, result);
        else Assert.Fail("no comparer for " + expectedFile);
    }

    [Theory]
    [MemberData(nameof(ExpectedFiles))]
    public void Our_reading_matches_the_reference_parsers_values(string expectedFile)
    {
        var text = File.ReadAllText(Path.Combine(Corpus.Root, expectedFile));
        var result = Corpus.Parse(SourceFile(expectedFile));
        List<string> differences;
        if (expectedFile.EndsWith(".zilverline.json", StringComparison.Ordinal) || expectedFile.EndsWith(".sharpmt940lib.json", StringComparison.Ordinal))
        {
            differences = CompareTranscribedAssertions(JsonNode.Parse(text)!, result);
        }
        else if (expectedFile.EndsWith(".ballerina.xml", StringComparison.Ordinal)) differences = CompareBallerinaCamt(XDocument.Parse(text), result);
        else if (expectedFile.EndsWith(".mt940-js.json", StringComparison.Ordinal)) differences = CompareMt940Js(JsonNode.Parse(text)!, result);
        else if (expectedFile.EndsWith(".ballerina.fin", StringComparison.Ordinal)) differences = CompareBallerinaMt(expectedFile, result);
        else return; // compared by Our_reading_matches_the_other_parsers
        Assert.Equal(KnownDifferences.GetValueOrDefault(expectedFile, []), differences.ToArray());
    }

    private static string SourceFile(string expectedFile)
    {
        var folder = expectedFile[..expectedFile.IndexOf("/expected/", StringComparison.Ordinal)];
        var name = Path.GetFileName(expectedFile);
        foreach (var suffix in new[] { ".camt.json", ".mt940-rs.json", ".iso20022.js.json", ".zilverline.json", ".sharpmt940lib.json", ".ballerina.xml", ".mt940-js.json", ".ballerina.fin" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal)) return folder + "/" + name[..^suffix.Length];
        }
        throw new InvalidOperationException(expectedFile);
    }

    /// <summary>genkgo/camt: Money in minor units (signed), dates as ISO date-times; the dump lists one record's entries.</summary>
    private static void CompareGenkgo(JsonNode json, ParseResult result)
    {
        var expected = json["getEntries"]!.AsArray().Select(e => new Expected(
            MinorToDecimal(e!["getAmount"]!["getAmount"]!.GetValue<string>(), e["getAmount"]!["getCurrency"]!["getCode"]!.GetValue<string>()),
            e["getAmount"]!["getCurrency"]!["getCode"]!.GetValue<string>(),
            DateOf(e["getBookingDate"]?["0"]), DateOf(e["getValueDate"]?["0"]))).ToList();
        var candidates = new List<List<StatementEntry>> { result.Statements.SelectMany(s => s.Entries).ToList() };
        candidates.AddRange(result.Statements.Select(s => s.Entries.ToList()));
        Assert.Contains(candidates, ours => Matches(expected, ours, roundToMinor: true));

        if (json["getEntries"]!.AsArray().FirstOrDefault()?["getRecord"]?["getBalances"] is JsonArray balances)
        {
            foreach (var balance in balances)
            {
                var type = balance!["getType"]!.GetValue<string>();
                var code = balance["getAmount"]!["getCurrency"]!["getCode"]!.GetValue<string>();
                var value = MinorToDecimal(balance["getAmount"]!["getAmount"]!.GetValue<string>(), code);
                var ours = result.Statements.SelectMany(s => s.Balances).Where(b => b.Currency == code).Select(b => Math.Round(b.Value, Minor(code), MidpointRounding.ToZero)).ToList();
                Assert.True(ours.Contains(value), $"genkgo {type} balance {value} {code} not among ours: {string.Join(", ", ours)}");
            }
        }
    }

    /// <summary>mt940-rs: statements with opening/closing balances and statement lines, amounts unsigned with an indicator.</summary>
    private static void CompareMt940Rs(JsonNode json, ParseResult result)
    {
        var statements = json.AsArray();
        Assert.Equal(statements.Count, result.Statements.Count);
        for (var i = 0; i < statements.Count; i++)
        {
            var theirs = statements[i]!;
            var ours = result.Statements[i];
            Assert.Equal(Signed(theirs["opening_balance"]!), ours.OpeningBalance!.Value);
            Assert.Equal(Signed(theirs["closing_balance"]!), ours.ClosingBalance!.Value);
            Assert.Equal(DateOnly.Parse(theirs["opening_balance"]!["date"]!.GetValue<string>(), CultureInfo.InvariantCulture), ours.OpeningBalance.Date);
            var expected = theirs["statement_lines"]!.AsArray().Select(line => new Expected(
                Signed(line!),
                theirs["opening_balance"]!["iso_currency_code"]!.GetValue<string>(),
                DateOf(line!["entry_date"]) ?? DateOf(line["value_date"]),
                DateOf(line["value_date"]))).ToList();
            Assert.True(Matches(expected, ours.Entries.ToList(), roundToMinor: false), $"statement {i}: entries differ");
            Assert.Equal(
                theirs["statement_lines"]!.AsArray().Select(l => l!["bank_ref"]?.GetValue<string>()).Select(r => r is "" ? null : r),
                ours.Entries.Select(e => e.BankReference));
        }
    }

    /// <summary>iso20022.js: the XML as JSON; Ntry/Amt/#text with CdtDbtInd, Bal with Tp/CdOrPrtry/Cd.</summary>
    private static void CompareIso20022Js(JsonNode json, ParseResult result)
    {
        var statements = AsList(json["Document"]!["BkToCstmrStmt"]!["Stmt"]!);
        Assert.Equal(statements.Count, result.Statements.Count);
        for (var i = 0; i < statements.Count; i++)
        {
            var entries = AsList(statements[i]["Ntry"]!);
            var expected = entries.Select(e => new Expected(
                SignedCamt(e["Amt"]!["#text"]!, e["CdtDbtInd"]!.GetValue<string>()),
                e["Amt"]!["@_Ccy"]!.GetValue<string>(),
                DateOf(e["BookgDt"]?["Dt"] ?? e["BookgDt"]?["DtTm"]),
                DateOf(e["ValDt"]?["Dt"] ?? e["ValDt"]?["DtTm"]))).ToList();
            Assert.True(Matches(expected, result.Statements[i].Entries.ToList(), roundToMinor: false), $"statement {i}: entries differ");
            foreach (var balance in AsList(statements[i]["Bal"]!))
            {
                var code = balance["Tp"]!["CdOrPrtry"]!["Cd"]!.GetValue<string>();
                var value = SignedCamt(balance["Amt"]!["#text"]!, balance["CdtDbtInd"]!.GetValue<string>());
                Assert.Contains(result.Statements[i].Balances, b => b.Type == code && b.Value == value);
            }
        }
    }

    private static readonly string[] TranscribedOrXml = [".zilverline.json", ".sharpmt940lib.json", ".ballerina.xml", ".mt940-js.json", ".ballerina.fin"];

    /// <summary>
    /// zilverline/mt940 (RSpec) and SharpMt940Lib (NUnit): the values their tests assert, transcribed to JSON (statement
    /// count, balances, entry counts, single entries by position). Transaction "date" there is the value date; amounts
    /// are signed.
    /// </summary>
    private static List<string> CompareTranscribedAssertions(JsonNode json, ParseResult result)
    {
        var differences = new List<string>();
        var count = json["statementCount"]!.GetValue<int>();
        if (count != result.Statements.Count) differences.Add($"statement count: reference {count}, ours {result.Statements.Count}");
        foreach (var theirs in json["statements"]!.AsArray())
        {
            var index = theirs!["index"]!.GetValue<int>();
            if (index >= result.Statements.Count)
            {
                differences.Add($"statement {index}: missing");
                continue;
            }
            var ours = result.Statements[index];
            foreach (var (name, balance) in new[] { ("opening", ours.OpeningBalance), ("closing", ours.ClosingBalance) })
            {
                if (theirs[name] is not { } expected) continue;
                var amount = decimal.Parse(expected["amount"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                var date = DateOf(expected["date"]);
                if (balance is null || balance.Value != amount || balance.Date != date)
                {
                    differences.Add($"statement {index} {name}: reference {expected["amount"]} {expected["date"]}, ours {balance?.Value.ToString(CultureInfo.InvariantCulture) ?? "-"} {balance?.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"}");
                }
            }
            // zilverline gives the bare account number (no dots, no leading zeros, no currency; the number inside an
            // IBAN): ours must name the same account, so that the statement can be routed to it (issue 13 item 2).
            if (theirs["account"]?.GetValue<string>() is { } account
                && !new string((ours.Account ?? "").Where(char.IsAsciiLetterOrDigit).ToArray()).TrimStart('0').EndsWith(account, StringComparison.Ordinal))
            {
                differences.Add($"statement {index} account: reference {account}, ours {ours.Account}");
            }
            if (theirs["entryCount"] is { } entryCount && entryCount.GetValue<int>() != ours.Entries.Count)
            {
                differences.Add($"statement {index} entry count: reference {entryCount}, ours {ours.Entries.Count}");
            }
        }
        foreach (var theirs in json["entries"]!.AsArray())
        {
            var statement = theirs!["statement"]!.GetValue<int>();
            var index = theirs["index"]!.GetValue<int>();
            var ours = statement < result.Statements.Count && index < result.Statements[statement].Entries.Count ? result.Statements[statement].Entries[index] : null;
            var amount = decimal.Parse(theirs["amount"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var valueDate = DateOf(theirs["valueDate"]);
            if (ours is null || ours.Amount != amount || (valueDate is not null && ours.ValueDate != valueDate))
            {
                differences.Add($"statement {statement} entry {index}: reference {amount} {theirs["valueDate"]}, ours {ours?.Amount.ToString(CultureInfo.InvariantCulture) ?? "-"} {ours?.ValueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"}");
            }
        }
        return differences;
    }

    /// <summary>
    /// mt940-js (webschik): statements with opening/closing balances {isCredit, date, value} and transactions
    /// {isCredit, amount, valueDate}; compares counts, signed balances with dates, and each signed amount and value date.
    /// </summary>
    private static List<string> CompareMt940Js(JsonNode json, ParseResult result)
    {
        var differences = new List<string>();
        static decimal Signed(JsonNode holder) =>
            holder["value"] is { } value
                ? value.GetValue<decimal>() * (holder["isCredit"]!.GetValue<bool>() ? 1 : -1)
                : holder["amount"]!.GetValue<decimal>() * (holder["isCredit"]!.GetValue<bool>() ? 1 : -1);
        var statements = json.AsArray();
        if (statements.Count != result.Statements.Count) differences.Add($"statement count: reference {statements.Count}, ours {result.Statements.Count}");
        for (var i = 0; i < Math.Min(statements.Count, result.Statements.Count); i++)
        {
            var theirs = statements[i]!;
            var ours = result.Statements[i];
            foreach (var (name, balance) in new[] { ("openingBalance", ours.OpeningBalance), ("closingBalance", ours.ClosingBalance) })
            {
                var expected = theirs[name]!;
                if (balance is null || balance.Value != Signed(expected) || balance.Date != DateOf(expected["date"]))
                {
                    differences.Add($"statement {i} {name}: reference {Signed(expected)} {expected["date"]}, ours {balance?.Value} {balance?.Date}");
                }
            }
            var transactions = theirs["transactions"]!.AsArray();
            if (transactions.Count != ours.Entries.Count) differences.Add($"statement {i} entry count: reference {transactions.Count}, ours {ours.Entries.Count}");
            for (var j = 0; j < Math.Min(transactions.Count, ours.Entries.Count); j++)
            {
                var amount = Signed(transactions[j]!);
                var valueDate = DateOf(transactions[j]!["valueDate"]);
                if (amount != ours.Entries[j].Amount || valueDate != ours.Entries[j].ValueDate)
                {
                    differences.Add($"statement {i} entry {j}: reference {amount} {valueDate}, ours {ours.Entries[j].Amount} {ours.Entries[j].ValueDate}");
                }
            }
        }
        return differences;
    }

    /// <summary>
    /// ballerina iso20022-to-swiftmt: the MT940/MT942 it converts a SWIFT CBPR+ camt into. The MT text is read with our
    /// own MT reader, so this checks our camt reading against our MT reading of an independent conversion: same signed
    /// entry amounts and value dates, same opening and closing balances.
    /// </summary>
    private static List<string> CompareBallerinaMt(string expectedFile, ParseResult camt)
    {
        var differences = new List<string>();
        var mt = Corpus.Parse(expectedFile);
        var theirs = mt.Statements.SelectMany(s => s.Entries).ToList();
        var ours = camt.Statements.SelectMany(s => s.Entries).ToList();
        if (theirs.Count != ours.Count) differences.Add($"entry count: reference {theirs.Count}, ours {ours.Count}");
        for (var i = 0; i < Math.Min(theirs.Count, ours.Count); i++)
        {
            if (theirs[i].Amount != ours[i].Amount || theirs[i].ValueDate != ours[i].ValueDate)
            {
                differences.Add($"entry {i}: reference {theirs[i].Amount} {theirs[i].ValueDate}, ours {ours[i].Amount} {ours[i].ValueDate}");
            }
        }
        for (var i = 0; i < Math.Min(mt.Statements.Count, camt.Statements.Count); i++)
        {
            if (mt.Statements[i].OpeningBalance?.Value != camt.Statements[i].OpeningBalance?.Value) differences.Add($"statement {i} opening: reference {mt.Statements[i].OpeningBalance?.Value}, ours {camt.Statements[i].OpeningBalance?.Value}");
            if (mt.Statements[i].ClosingBalance?.Value != camt.Statements[i].ClosingBalance?.Value) differences.Add($"statement {i} closing: reference {mt.Statements[i].ClosingBalance?.Value}, ours {camt.Statements[i].ClosingBalance?.Value}");
        }
        return differences;
    }

    /// <summary>
    /// ballerina swiftmt-to-iso20022: the camt.052/053 it converts the same MT942/MT940 into (SWIFT CBPR+ test cases).
    /// Compares each Ntry's signed amount, currency and value date, and each Bal's signed amount and date.
    /// </summary>
    private static List<string> CompareBallerinaCamt(XDocument camt, ParseResult result)
    {
        var differences = new List<string>();
        static XElement? Child(XElement e, string name) => e.Elements().FirstOrDefault(c => c.Name.LocalName == name);
        static decimal Signed(XElement holder) =>
            decimal.Parse(Child(holder, "Amt")!.Value, CultureInfo.InvariantCulture) * (Child(holder, "CdtDbtInd")!.Value == "DBIT" ? -1 : 1);
        static DateOnly? DateIn(XElement? holder) => holder is null ? null : DateOnly.ParseExact(holder.Elements().First().Value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);

        var entries = camt.Descendants().Where(e => e.Name.LocalName == "Ntry").ToList();
        var ours = result.Statements.SelectMany(s => s.Entries).ToList();
        if (entries.Count != ours.Count) differences.Add($"entry count: reference {entries.Count}, ours {ours.Count}");
        for (var i = 0; i < Math.Min(entries.Count, ours.Count); i++)
        {
            var amount = Signed(entries[i]);
            var currency = Child(entries[i], "Amt")!.Attribute("Ccy")?.Value;
            var valueDate = DateIn(Child(entries[i], "ValDt"));
            if (amount != ours[i].Amount || currency != ours[i].Currency || valueDate != ours[i].ValueDate)
            {
                differences.Add($"entry {i}: reference {amount} {currency} {valueDate}, ours {ours[i].Amount} {ours[i].Currency} {ours[i].ValueDate}");
            }
        }
        var balances = result.Statements.SelectMany(s => s.Balances).ToList();
        foreach (var bal in camt.Descendants().Where(e => e.Name.LocalName == "Bal"))
        {
            var amount = Signed(bal);
            var date = DateIn(Child(bal, "Dt"));
            if (!balances.Any(b => b.Value == amount && b.Date == date)) differences.Add($"balance {amount} {date}: not among ours");
        }
        return differences;
    }

    private static bool Matches(List<Expected> expected, List<StatementEntry> ours, bool roundToMinor)
    {
        if (expected.Count != ours.Count) return false;
        for (var i = 0; i < expected.Count; i++)
        {
            var amount = roundToMinor && ours[i].Currency is { } c ? Math.Round(ours[i].Amount, Minor(c), MidpointRounding.ToZero) : ours[i].Amount;
            if (amount != expected[i].Amount) return false;
            if (expected[i].Currency is not null && ours[i].Currency != expected[i].Currency) return false;
            if (expected[i].BookingDate is not null && ours[i].BookingDate != expected[i].BookingDate) return false;
            if (expected[i].ValueDate is not null && ours[i].ValueDate != expected[i].ValueDate) return false;
        }
        return true;
    }

    private static List<JsonNode> AsList(JsonNode node) => node is JsonArray array ? array.Select(n => n!).ToList() : [node];

    private static decimal Signed(JsonNode amountHolder)
    {
        var amount = decimal.Parse(amountHolder["amount"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var indicator = (amountHolder["debit_credit_indicator"] ?? amountHolder["ext_debit_credit_indicator"])!.GetValue<string>();
        return indicator is "Debit" or "ReverseCredit" ? -amount : amount;
    }

    private static decimal SignedCamt(JsonNode text, string indicator)
    {
        var amount = decimal.Parse(text.ToString(), CultureInfo.InvariantCulture);
        return indicator == "DBIT" ? -amount : amount;
    }

    private static decimal MinorToDecimal(string minor, string currency) =>
        decimal.Parse(minor, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) / (decimal)Math.Pow(10, Minor(currency));

    private static int Minor(string currency) => currency is "JPY" or "KRW" ? 0 : currency is "KWD" or "BHD" ? 3 : 2;

    private static DateOnly? DateOf(JsonNode? node) =>
        node is null ? null : DateOnly.ParseExact(node.GetValue<string>()[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
