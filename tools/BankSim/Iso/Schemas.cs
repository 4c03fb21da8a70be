using System.Collections.Concurrent;
using System.Xml;
using System.Xml.Schema;

namespace BankSim.Iso;

/// <summary>The official ISO 20022 schemas (embedded), by namespace, for validating what comes in and what goes out.</summary>
public static class Schemas
{
    private static readonly ConcurrentDictionary<string, XmlSchemaSet> Sets = new(StringComparer.Ordinal);

    public const string Pain001V03 = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";
    public const string Pain001V09 = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
    public const string Pain002V10 = "urn:iso:std:iso:20022:tech:xsd:pain.002.001.10";
    public const string Camt052V08 = "urn:iso:std:iso:20022:tech:xsd:camt.052.001.08";
    public const string Camt053V08 = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08";
    public const string Camt054V08 = "urn:iso:std:iso:20022:tech:xsd:camt.054.001.08";

    public static bool Knows(string ns) => ns is Pain001V03 or Pain001V09 or Pain002V10 or Camt052V08 or Camt053V08 or Camt054V08;

    /// <summary>Validation errors (empty when valid). DTDs are prohibited and nothing external is resolved.</summary>
    public static IReadOnlyList<string> Validate(byte[] xml, string ns)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = Set(ns),
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
        };
        settings.ValidationEventHandler += (_, e) => errors.Add($"line {e.Exception.LineNumber}: {e.Message}");
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml), settings);
            while (reader.Read())
            {
            }
        }
        catch (XmlException e)
        {
            errors.Add(e.Message);
        }
        return errors;
    }

    private static XmlSchemaSet Set(string ns) => Sets.GetOrAdd(ns, n =>
    {
        var file = n[(n.LastIndexOf(':') + 1)..] + ".xsd";
        using var stream = typeof(Schemas).Assembly.GetManifestResourceStream(file) ?? throw new InvalidOperationException($"schema {file} not embedded");
        var set = new XmlSchemaSet { XmlResolver = null };
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        set.Add(n, reader);
        set.Compile();
        return set;
    });
}
