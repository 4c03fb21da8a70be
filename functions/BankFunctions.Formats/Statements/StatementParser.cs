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
        var input = new PrefixedStream(head, length, stream);
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
}
