using System.Text;
using BankFunctions.Formats.Statements;
using BankFunctions.TestSupport;

namespace BankFunctions.Formats.Tests;

/// <summary>
/// Mutates corpus files (byte flips, truncation, duplication, tag swaps, junk insertion) with a fixed seed and demands
/// that the readers either succeed or throw <see cref="StatementFormatException"/>. Uses the unguarded entry point so a
/// reader bug is found here instead of being turned into a format error by the safety net.
/// Any crasher found is written to a temp folder (path in the failure message) to be added to TestData/crashers.
/// </summary>
public sealed class StatementFuzzTests
{
    private const int Cases = 12_000;
    private static readonly string[] MtTags = [":20:", ":25:", ":28C:", ":60F:", ":60M:", ":61:", ":86:", ":62F:", ":62M:", ":64:", ":65:", ":34F:", ":90D:", "{4:", "-}", "\n-\n", "?20", "?32", "/NAME/", "EREF+"];
    private static readonly string[] XmlTags = ["Ntry", "Amt", "CdtDbtInd", "Bal", "Stmt", "TxDtls", "Sts", "BookgDt", "Dt", "NtryDtls", "Rpt", "Ntfctn", "Tp", "Cd"];

    [Fact]
    public void Mutated_corpus_files_never_throw_anything_but_StatementFormatException()
    {
        var files = Corpus.Rows.Select(r => File.ReadAllBytes(r.FullPath)).ToList();
        files.Add(Encoding.UTF8.GetBytes("""{"response":{"body":{"ntqtsinfz":[{"trsdat":"20261120","refnbr":"K1","trsamt":"-1.00","amtcdr":"D","blvamt":"9.00"}]}}}"""));
        var random = new Random(int.TryParse(Environment.GetEnvironmentVariable("STATEMENT_FUZZ_SEED"), out var seed) ? seed : 20261122);
        var crashes = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            var input = Mutate(files[random.Next(files.Count)], random);
            try
            {
                StatementParser.ParseUnguarded(new MemoryStream(input), $"fuzz-{i}");
            }
            catch (StatementFormatException)
            {
            }
            catch (Exception ex)
            {
                if (crashes.Count < 5)
                {
                    var path = Path.Combine(Path.GetTempPath(), $"statement-crasher-{i}.bin");
                    File.WriteAllBytes(path, input);
                    crashes.Add($"{path}: {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
                }
            }
        }
        Assert.True(crashes.Count == 0, string.Join("\n\n", crashes));
    }

    public static TheoryData<string> Crashers()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Combine("tests", "TestData", "crashers")).Where(f => !f.EndsWith("README.md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Crashers))]
    public void Former_crashers_are_read_or_refused_cleanly(string file)
    {
        var bytes = File.ReadAllBytes(RepoPaths.Combine("tests", "TestData", "crashers", file));
        try
        {
            StatementParser.ParseUnguarded(new MemoryStream(bytes), file);
        }
        catch (StatementFormatException ex)
        {
            Assert.StartsWith(file + ": ", ex.Message, StringComparison.Ordinal);
        }
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var data = new List<byte>(original);
        var rounds = 1 + random.Next(3);
        for (var r = 0; r < rounds && data.Count > 0; r++)
        {
            switch (random.Next(7))
            {
                case 0: // byte flips
                    for (var k = 0; k < 1 + random.Next(4); k++) data[random.Next(data.Count)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1: // truncation
                    data = data.Take(random.Next(data.Count + 1)).ToList();
                    break;
                case 2: // duplicate a slice
                {
                    var start = random.Next(data.Count);
                    var length = Math.Min(random.Next(1, 400), data.Count - start);
                    data.InsertRange(random.Next(data.Count), data.GetRange(start, length));
                    break;
                }
                case 3: // delete a slice
                {
                    var start = random.Next(data.Count);
                    data.RemoveRange(start, Math.Min(random.Next(1, 60), data.Count - start));
                    break;
                }
                case 4: // swap one MT tag for another
                    data = Replace(data, MtTags, random);
                    break;
                case 5: // swap one XML element name for another (opening or closing tag)
                    data = Replace(data, XmlTags, random);
                    break;
                default: // insert junk: digits, commas, separators, high bytes
                {
                    byte[] junk = [(byte)',', (byte)'.', (byte)'-', (byte)'9', (byte)'?', (byte)'/', (byte)':', (byte)'<', (byte)'>', (byte)'\n', (byte)'\r', 0, 0xC3, 0xFF, (byte)'&', (byte)'{'];
                    var at = random.Next(data.Count + 1);
                    for (var k = 0; k < 1 + random.Next(5); k++) data.Insert(at, junk[random.Next(junk.Length)]);
                    break;
                }
            }
        }
        return data.ToArray();
    }

    private static List<byte> Replace(List<byte> data, string[] tags, Random random)
    {
        var text = Encoding.Latin1.GetString(data.ToArray());
        var from = tags[random.Next(tags.Length)];
        var index = text.IndexOf(from, random.Next(Math.Max(1, text.Length)), StringComparison.Ordinal);
        if (index < 0) index = text.IndexOf(from, StringComparison.Ordinal);
        if (index < 0) return data;
        var to = tags[random.Next(tags.Length)];
        return Encoding.Latin1.GetBytes(text[..index] + to + text[(index + from.Length)..]).ToList();
    }
}
