using System.Text;
using BankFunctions.Formats.Statements;

namespace BankFunctions.Formats.Tests;

public sealed class TextLineReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(100_000)]
    public void Lines_and_their_encoding_do_not_depend_on_how_the_stream_delivers_bytes(int chunk)
    {
        // LF, CRLF, CR, empty lines, UTF-8, ISO-8859-1 and a line longer than the read buffer; no break at the end.
        var bytes = new List<byte>();
        bytes.AddRange("a\nb\r\nc\rd\r\n\r\n\n"u8.ToArray());
        bytes.AddRange(Encoding.UTF8.GetBytes("M\u00fcller\r\n"));
        bytes.AddRange(Encoding.Latin1.GetBytes("M\u00fcller\r"));
        bytes.AddRange(Encoding.ASCII.GetBytes(new string('x', 70_000) + "\n"));
        bytes.AddRange("last"u8.ToArray());
        string[] expected = ["a", "b", "c", "d", "", "", "M\u00fcller", "M\u00fcller", new string('x', 70_000), "last"];
        bool[] latin1 = [false, false, false, false, false, false, false, true, false, false];

        var reader = new TextLineReader(new ChunkedStream(bytes.ToArray(), chunk));
        var lines = new List<string>();
        var wasLatin1 = new List<bool>();
        while (reader.TryReadLine(out var line))
        {
            lines.Add(line.ToString());
            wasLatin1.Add(reader.LastLineWasLatin1);
        }

        Assert.Equal(expected, lines);
        Assert.Equal(latin1, wasLatin1);
        Assert.Equal(expected.Length, reader.LineNumber);
    }

    /// <summary>Hands out at most <paramref name="chunk"/> bytes per read, so that lines straddle buffer refills.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }
}
