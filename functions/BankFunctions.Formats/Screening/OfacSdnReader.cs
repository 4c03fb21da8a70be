using System.Globalization;
using System.Xml;
using BankFunctions.Domain.Screening;

namespace BankFunctions.Formats.Screening;

/// <summary>
/// OFAC's Specially Designated Nationals list in its published legacy formats
/// (https://ofac.treasury.gov/sdn-list-data-formats-data-schemas): SDN.CSV (<c>ent_num, SDN_Name, SDN_Type, Program,
/// Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks</c>), ALT.CSV (<c>ent_num, alt_num,
/// alt_type, alt_name, alt_remarks</c>: more names of an SDN entry, listed as entries of their own with the SDN's
/// <c>ent_num</c>), and SDN.XML (<c>sdnList/sdnEntry</c> with <c>uid</c>, <c>firstName</c>, <c>lastName</c>,
/// <c>sdnType</c>, <c>programList/program</c>, <c>akaList/aka</c>).
/// </summary>
public static class OfacSdnReader
{
    public const string SdnSource = "ofac-sdn";
    public const string AltSource = "ofac-alt";

    public static IReadOnlyList<ScreeningEntry> ReadSdnCsv(TextReader text)
    {
        var entries = new List<ScreeningEntry>();
        foreach (var (line, fields) in OfacCsv.Records(text))
        {
            var id = Id(fields, line);
            var name = fields.Count > 1 ? fields[1] : null;
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ScreeningListFormatException($"line {line}: SDN_Name (column 2) is empty.");
            }
            var kind = fields.Count > 2 && fields[2] is { } type ? type.Trim().ToLowerInvariant() : "entity";
            var programs = fields.Count > 3 && fields[3] is { } program
                ? program.Split(']', '[', ';').Select(p => p.Trim()).Where(p => p.Length > 0).ToList()
                : [];
            entries.Add(new ScreeningEntry(SdnSource, id, kind, [name.Trim()], programs));
        }
        return entries;
    }

    public static IReadOnlyList<ScreeningEntry> ReadAltCsv(TextReader text)
    {
        var entries = new List<ScreeningEntry>();
        foreach (var (line, fields) in OfacCsv.Records(text))
        {
            var id = Id(fields, line);
            var name = fields.Count > 3 ? fields[3] : null;
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ScreeningListFormatException($"line {line}: alt_name (column 4) is empty.");
            }
            entries.Add(new ScreeningEntry(AltSource, id, fields.Count > 2 && fields[2] is { } type ? type.Trim() : "aka", [name.Trim()], []));
        }
        return entries;
    }

    public static IReadOnlyList<ScreeningEntry> ReadSdnXml(Stream xml)
    {
        var entries = new List<ScreeningEntry>();
        using var reader = XmlReader.Create(xml, ScreeningXml.Settings);
        try
        {
            reader.MoveToContent();
            if (reader.LocalName != "sdnList")
            {
                throw new ScreeningListFormatException($"line {ScreeningXml.Line(reader)}: the root element is <{reader.LocalName}>, not <sdnList>.");
            }
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sdnEntry")
                {
                    entries.Add(ReadEntry(reader));
                }
            }
        }
        catch (XmlException e)
        {
            throw new ScreeningListFormatException($"line {e.LineNumber}, position {e.LinePosition}: {e.Message}");
        }
        return entries;
    }

    private static ScreeningEntry ReadEntry(XmlReader reader)
    {
        var line = ScreeningXml.Line(reader);
        string? uid = null, first = null, last = null, type = null;
        var programs = new List<string>();
        var names = new List<string>();
        using var entry = reader.ReadSubtree();
        entry.Read();
        entry.Read();
        // ReadElementContentAsString moves past the element itself: only other nodes need a Read to go on.
        while (!entry.EOF)
        {
            if (entry.NodeType != XmlNodeType.Element)
            {
                entry.Read();
                continue;
            }
            switch (entry.LocalName)
            {
                case "uid" when entry.Depth == 1:
                    uid = entry.ReadElementContentAsString().Trim();
                    break;
                case "firstName" when entry.Depth == 1:
                    first = entry.ReadElementContentAsString().Trim();
                    break;
                case "lastName" when entry.Depth == 1:
                    last = entry.ReadElementContentAsString().Trim();
                    break;
                case "sdnType" when entry.Depth == 1:
                    type = entry.ReadElementContentAsString().Trim().ToLowerInvariant();
                    break;
                case "program":
                    programs.Add(entry.ReadElementContentAsString().Trim());
                    break;
                case "aka":
                    if (ReadAka(entry) is { } aka)
                    {
                        names.Add(aka);
                    }
                    entry.Skip();
                    break;
                default:
                    entry.Read();
                    break;
            }
        }
        if (string.IsNullOrEmpty(uid) || string.IsNullOrEmpty(last))
        {
            throw new ScreeningListFormatException($"line {line}: an <sdnEntry> without <uid> or <lastName>.");
        }
        names.Insert(0, Join(first, last));
        return new ScreeningEntry(SdnSource, uid, type ?? "entity", names, programs);
    }

    private static string? ReadAka(XmlReader reader)
    {
        string? first = null, last = null;
        using var aka = reader.ReadSubtree();
        aka.Read();
        aka.Read();
        while (!aka.EOF)
        {
            if (aka.NodeType == XmlNodeType.Element && aka.LocalName is "firstName" or "lastName")
            {
                var isFirst = aka.LocalName == "firstName";
                var value = aka.ReadElementContentAsString().Trim();
                if (isFirst)
                {
                    first = value;
                }
                else
                {
                    last = value;
                }
            }
            else
            {
                aka.Read();
            }
        }
        return string.IsNullOrEmpty(last) ? null : Join(first, last);
    }

    private static string Join(string? first, string last) => string.IsNullOrEmpty(first) ? last : first + " " + last;

    private static string Id(IReadOnlyList<string?> fields, int line)
    {
        var id = fields[0]?.Trim();
        if (id is null || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw new ScreeningListFormatException($"line {line}: ent_num (column 1) must be a number, not '{id}'.");
        }
        return id;
    }
}
