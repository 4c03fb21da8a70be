using System.Xml;

namespace BankFunctions.Formats.Screening;

/// <summary>How list XML is read: no DTD, no external resources (a list file is data, never instructions).</summary>
internal static class ScreeningXml
{
    internal static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    internal static int Line(XmlReader reader) => reader is IXmlLineInfo info ? info.LineNumber : 0;
}
