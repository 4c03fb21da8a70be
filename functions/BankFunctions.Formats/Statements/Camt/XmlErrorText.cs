using System.Xml;

namespace BankFunctions.Formats.Statements.Camt;

/// <summary>
/// XmlReader's messages in the words of a statement file's sender: the DTD refusal advises .NET settings
/// ("set the DtdProcessing property on XmlReaderSettings"), which means nothing to an API client.
/// </summary>
public static class XmlErrorText
{
    public static string Describe(XmlException ex)
    {
        var message = ex.Message;
        if (message.Contains("DTD", StringComparison.Ordinal) || message.Contains("DtdProcessing", StringComparison.Ordinal))
        {
            return "DTDs are not allowed in statement files (remove the <!DOCTYPE …> declaration).";
        }
        // Other messages name the XML problem and its position; drop any sentence about reader settings.
        var advice = message.IndexOf(" To enable", StringComparison.Ordinal);
        return advice > 0 ? message[..advice] : message;
    }
}
