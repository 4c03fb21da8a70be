using System.Xml;
using BankFunctions.Domain.Screening;

namespace BankFunctions.Formats.Screening;

/// <summary>
/// The EU consolidated list of persons, groups and entities subject to financial sanctions, XML format
/// (https://webgate.ec.europa.eu/fsd/fsf, "xmlFullSanctionsList_1_1", namespace http://eu.europa.ec/fpi/fsd/export):
/// <c>export/sanctionEntity</c> with <c>logicalId</c>, <c>subjectType/@code</c> (person, enterprise…),
/// <c>regulation/@programme</c> and one <c>nameAlias/@wholeName</c> per name and spelling.
/// </summary>
public static class EuConsolidatedReader
{
    public const string Source = "eu-consolidated";

    public static IReadOnlyList<ScreeningEntry> Read(Stream xml)
    {
        var entries = new List<ScreeningEntry>();
        using var reader = XmlReader.Create(xml, ScreeningXml.Settings);
        try
        {
            reader.MoveToContent();
            if (reader.LocalName != "export")
            {
                throw new ScreeningListFormatException($"line {ScreeningXml.Line(reader)}: the root element is <{reader.LocalName}>, not <export>.");
            }
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sanctionEntity")
                {
                    entries.Add(ReadEntity(reader));
                }
            }
        }
        catch (XmlException e)
        {
            throw new ScreeningListFormatException($"line {e.LineNumber}, position {e.LinePosition}: {e.Message}");
        }
        return entries;
    }

    private static ScreeningEntry ReadEntity(XmlReader reader)
    {
        var line = ScreeningXml.Line(reader);
        var id = reader.GetAttribute("logicalId");
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ScreeningListFormatException($"line {line}: a <sanctionEntity> without logicalId.");
        }
        var names = new List<string>();
        var programs = new List<string>();
        var kind = "entity";
        if (reader.IsEmptyElement)
        {
            throw new ScreeningListFormatException($"line {line}: <sanctionEntity logicalId=\"{id}\"> has no nameAlias.");
        }
        using var entity = reader.ReadSubtree();
        entity.Read();
        while (entity.Read())
        {
            if (entity.NodeType != XmlNodeType.Element || entity.Depth != 1)
            {
                continue;
            }
            switch (entity.LocalName)
            {
                case "nameAlias":
                    var whole = entity.GetAttribute("wholeName")?.Trim();
                    if (string.IsNullOrEmpty(whole))
                    {
                        whole = string.Join(' ', new[] { entity.GetAttribute("firstName"), entity.GetAttribute("middleName"), entity.GetAttribute("lastName") }
                            .Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()));
                    }
                    if (whole.Length > 0)
                    {
                        names.Add(whole);
                    }
                    break;
                case "subjectType":
                    kind = entity.GetAttribute("code")?.Trim() is { Length: > 0 } code ? code : kind;
                    break;
                case "regulation":
                    if (entity.GetAttribute("programme")?.Trim() is { Length: > 0 } programme && !programs.Contains(programme))
                    {
                        programs.Add(programme);
                    }
                    break;
            }
        }
        if (names.Count == 0)
        {
            throw new ScreeningListFormatException($"line {line}: <sanctionEntity logicalId=\"{id}\"> has no nameAlias with a name.");
        }
        return new ScreeningEntry(Source, id.Trim(), kind, names, programs);
    }
}
