using System.Text;

namespace BankFunctions.Formats.Statements;

public enum StatementFileFormat
{
    Unknown,
    Camt,
    Mt94x,
    CmbJson,
}

/// <summary>Tells the statement format from the first bytes of a file.</summary>
public static class StatementFormatDetector
{
    public const int SniffLength = 8192;

    public static StatementFileFormat Detect(ReadOnlySpan<byte> head)
    {
        var text = Encoding.Latin1.GetString(head);
        var start = 0;
        if (text.StartsWith("\u00EF\u00BB\u00BF", StringComparison.Ordinal))
        {
            start = 3; // UTF-8 byte order mark
        }
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }
        if (start == text.Length)
        {
            return StatementFileFormat.Unknown;
        }
        var body = text.AsSpan(start);
        if (body[0] == '<')
        {
            return StatementFileFormat.Camt;
        }
        if (body.StartsWith("{1:") || body.StartsWith("{2:") || body.StartsWith("{4:") || body[0] == ':')
        {
            return StatementFileFormat.Mt94x;
        }
        if (body[0] is '{' or '[')
        {
            return StatementFileFormat.CmbJson;
        }
        // Bank header lines or a text preamble before the first field (ABN AMRO, bunq, ING, Danske Bank).
        return body.Contains("\n:20:", StringComparison.Ordinal) || body.Contains("\n:25:", StringComparison.Ordinal) || body.Contains("{1:", StringComparison.Ordinal)
            ? StatementFileFormat.Mt94x
            : StatementFileFormat.Unknown;
    }
}
