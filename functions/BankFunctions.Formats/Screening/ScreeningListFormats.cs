using System.Text;
using BankFunctions.Domain.Screening;

namespace BankFunctions.Formats.Screening;

/// <summary>The lists an operator may load, by source name, and the file formats each is read from.</summary>
public static class ScreeningListFormats
{
    /// <summary>Source → the media types its file may be sent as (the first is what the list's publisher serves).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Sources = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [OfacSdnReader.SdnSource] = ["text/csv", "application/xml", "text/xml"],
        [OfacSdnReader.AltSource] = ["text/csv"],
        [EuConsolidatedReader.Source] = ["application/xml", "text/xml"],
    };

    /// <summary>Every media type some source takes (the OpenAPI document lists them).</summary>
    public static IReadOnlyList<string> AllMediaTypes => Sources.Values.SelectMany(t => t).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The file's entries; <see cref="ScreeningListFormatException"/> naming line (and element) when it cannot be read.</summary>
    public static IReadOnlyList<ScreeningEntry> Read(string source, string mediaType, Stream file)
    {
        var xml = mediaType is "application/xml" or "text/xml";
        var entries = source switch
        {
            OfacSdnReader.SdnSource when xml => OfacSdnReader.ReadSdnXml(file),
            OfacSdnReader.SdnSource => OfacSdnReader.ReadSdnCsv(Text(file)),
            OfacSdnReader.AltSource => OfacSdnReader.ReadAltCsv(Text(file)),
            EuConsolidatedReader.Source => EuConsolidatedReader.Read(file),
            _ => throw new ArgumentOutOfRangeException(nameof(source), source, "not a screening list source"),
        };
        return entries.Count > 0 ? entries : throw new ScreeningListFormatException("the file has no entries.");
    }

    // OFAC's CSV files are plain ASCII in practice; they are read as UTF-8, and a byte that is not valid UTF-8 becomes
    // U+FFFD (one name less exact) rather than refusing the whole list.
    private static StreamReader Text(Stream file) => new(file, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
}
