using System.Text;

namespace BankFunctions.Formats.Screening;

/// <summary>
/// The comma-separated records of OFAC's legacy SDN files (https://ofac.treasury.gov/sdn-list-data-formats-data-schemas,
/// "SDN.CSV" / "ALT.CSV"): no header line, text fields in double quotes (a quote inside doubled), <c>-0- </c> for an empty
/// field, the file possibly ending with a DOS end-of-file character (0x1A).
/// </summary>
internal static class OfacCsv
{
    /// <summary>The file's records with their 1-based line numbers; blank lines and the trailing 0x1A are skipped.</summary>
    internal static IEnumerable<(int Line, IReadOnlyList<string?> Fields)> Records(TextReader text)
    {
        var line = 0;
        while (text.ReadLine() is { } raw)
        {
            line++;
            var record = raw;
            var startLine = line;
            // A quoted field may hold a line break: keep reading until the quotes balance.
            while (record.Count(c => c == '"') % 2 == 1 && text.ReadLine() is { } more)
            {
                line++;
                record += "\n" + more;
            }
            if (record.Trim().Trim('\u001a').Length == 0)
            {
                continue;
            }
            yield return (startLine, Split(record, startLine));
        }
    }

    private static List<string?> Split(string record, int line)
    {
        var fields = new List<string?>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            var quoted = i < record.Length && record[i] == '"';
            if (quoted)
            {
                i++;
                while (true)
                {
                    if (i >= record.Length)
                    {
                        throw new ScreeningListFormatException($"line {line}: a quoted field is not closed.");
                    }
                    if (record[i] == '"')
                    {
                        if (i + 1 < record.Length && record[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.Append(record[i++]);
                }
                while (i < record.Length && record[i] is ' ' or '\u001a')
                {
                    i++;
                }
                if (i < record.Length && record[i] != ',')
                {
                    throw new ScreeningListFormatException($"line {line}: text after a quoted field (column {fields.Count + 1}).");
                }
            }
            else
            {
                while (i < record.Length && record[i] != ',')
                {
                    field.Append(record[i++]);
                }
            }
            var value = field.ToString();
            fields.Add(!quoted && value.Trim().Trim('\u001a') is "-0-" or "" ? null : (quoted ? value : value.Trim()));
            if (i >= record.Length)
            {
                return fields;
            }
            i++; // the comma
        }
    }
}
