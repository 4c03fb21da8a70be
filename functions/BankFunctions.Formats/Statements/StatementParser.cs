using System.Text;
using BankFunctions.Formats.Statements.Camt;
using BankFunctions.Formats.Statements.Cmb;
using BankFunctions.Formats.Statements.Mt940;

namespace BankFunctions.Formats.Statements;

/// <summary>
/// The one entry point for statement files: detects MT940/MT942, camt.052/053/054 or CMB DCTRSINF JSON from the first
/// bytes and reads the file into normalised statements. Throws only <see cref="StatementFormatException"/>.
/// </summary>
public static class StatementParser
{
    public static ParseResult Parse(Stream stream, string? fileName = null, StatementParseOptions? options = null)
    {
        try
        {
            return ParseUnguarded(stream, fileName, options);
        }
        catch (StatementFormatException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException or IOException))
        {
            // A reader bug must still surface as a format error naming the file, never as an arbitrary exception type;
            // the fuzz tests call ParseUnguarded so that such bugs are found and fixed rather than hidden here.
            throw new StatementFormatException($"{fileName ?? "<input>"}: unreadable statement ({ex.GetType().Name}: {ex.Message})", ex);
        }
    }

    public static ParseResult Parse(string path)
    {
        using var stream = File.OpenRead(path);
        return Parse(stream, Path.GetFileName(path));
    }

    internal static ParseResult ParseUnguarded(Stream stream, string? fileName, StatementParseOptions? options = null)
    {
        options ??= StatementParseOptions.Default;
        var head = new byte[StatementFormatDetector.SniffLength];
        var length = 0;
        int n;
        while (length < head.Length && (n = stream.Read(head, length, head.Length - length)) > 0)
        {
            length += n;
        }
        var format = StatementFormatDetector.Detect(head.AsSpan(0, length));
        Stream input = new PrefixedStream(head, length, stream);
        if (format == StatementFileFormat.Unknown && Utf16(head.AsSpan(0, length)) is { } utf16)
        {
            // A UTF-16 file (with its byte order mark): XmlReader reads UTF-16 camt itself; MT940 is read as UTF-8,
            // where the byte order mark it keeps tells the MT940 reader to warn.
            format = StatementFormatDetector.Detect(Encoding.UTF8.GetBytes(utf16.GetString(head, 0, length)));
            if (format == StatementFileFormat.Mt94x)
            {
                input = Encoding.CreateTranscodingStream(input, utf16, Encoding.UTF8);
            }
        }
        return format switch
        {
            StatementFileFormat.Camt => CamtReader.Read(input, fileName, options),
            StatementFileFormat.Mt94x => Mt940Reader.Read(input, fileName, options),
            StatementFileFormat.CmbJson => CmbTransactionsReader.Read(input, fileName, options),
            _ => throw new StatementFormatException(length == 0
                ? $"{fileName ?? "<input>"}: empty file; expected MT940/MT942, camt.052/053/054 XML or a CMB DCTRSINF JSON body"
                : $"{fileName ?? "<input>"}: line 1: unrecognised format; expected MT940/MT942 (':20:' or '{{1:'), camt XML ('<') or CMB DCTRSINF JSON ('{{')"),
        };
    }

    /// <summary>The UTF-16 encoding whose byte order mark starts <paramref name="head"/>, else null.</summary>
    private static Encoding? Utf16(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? Encoding.Unicode
        : head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? Encoding.BigEndianUnicode
        : null;
}
