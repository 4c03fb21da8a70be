using System.Text;
using BankFunctions.Formats.Screening;
using BankFunctions.TestSupport;

namespace BankFunctions.Formats.Tests.Screening;

/// <summary>The sanctions list readers on the hand-written samples in tests/TestData/screening (see README.md there).</summary>
public sealed class ScreeningListReaderTests
{
    private static FileStream Sample(string name) => File.OpenRead(RepoPaths.Combine("tests", "TestData", "screening", name));

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Sdn_csv_gives_every_record_with_id_name_kind_and_programs()
    {
        using var file = Sample("ofac_sdn_sample.csv");
        var entries = ScreeningListFormats.Read("ofac-sdn", "text/csv", file);
        Assert.Equal(["36", "9001", "9002", "9003", "9004"], entries.Select(e => e.Id));
        Assert.All(entries, e => Assert.Equal("ofac-sdn", e.Source));
        Assert.Equal(["AEROCARIBBEAN AIRLINES"], entries[0].Names);
        Assert.Equal("entity", entries[1].Kind);
        Assert.Equal(new[] { "SDGT", "IRGC" }, entries[1].Programs);
        Assert.Equal(("individual", "ZOLOTNIKOV, Arkadiy Vitalyevich"), (entries[2].Kind, entries[2].Names[0]));
        Assert.Equal("vessel", entries[3].Kind);
        Assert.Equal("NORTHERN \"STAR\" EXCHANGE HOUSE", entries[4].Names[0]);
    }

    [Fact]
    public void Alt_csv_gives_each_alternative_name_under_its_sdn_ent_num()
    {
        using var file = Sample("ofac_alt_sample.csv");
        var entries = ScreeningListFormats.Read("ofac-alt", "text/csv", file);
        Assert.Equal(["36", "9001", "9002", "9002"], entries.Select(e => e.Id));
        Assert.Equal(["AERO-CARIBBEAN", "KARAVELLA TRANZIT", "ZOLOTNIKOV, Arkady", "ЗОЛОТНИКОВ, Аркадий Витальевич"], entries.Select(e => e.Names[0]));
        Assert.Equal("fka", entries[3].Kind);
    }

    [Fact]
    public void Sdn_xml_gives_first_and_last_name_joined_and_akas_as_more_names()
    {
        using var file = Sample("ofac_sdn_sample.xml");
        var entries = ScreeningListFormats.Read("ofac-sdn", "application/xml", file);
        Assert.Equal(["36", "9002", "9003"], entries.Select(e => e.Id));
        Assert.Equal(["AEROCARIBBEAN AIRLINES", "AERO-CARIBBEAN"], entries[0].Names);
        Assert.Equal(["Arkadiy Vitalyevich ZOLOTNIKOV", "Arkady ZOLOTNIKOV"], entries[1].Names);
        Assert.Equal("individual", entries[1].Kind);
        Assert.Equal(new[] { "RUSSIA-EO14024" }, entries[1].Programs);
        Assert.Equal("vessel", entries[2].Kind);
        Assert.Equal(new[] { "SEA FALCON" }, entries[2].Names);
    }

    [Fact]
    public void Eu_xml_gives_every_whole_name_or_the_parts_when_it_is_empty()
    {
        using var file = Sample("eu_consolidated_sample.xml");
        var entries = ScreeningListFormats.Read("eu-consolidated", "application/xml", file);
        Assert.Equal(["900101", "900102", "900103"], entries.Select(e => e.Id));
        Assert.Equal(["Sevmorput Logistika OOO", "ООО Севморпуть Логистика"], entries[0].Names);
        Assert.Equal("enterprise", entries[0].Kind);
        Assert.Equal(new[] { "UKR" }, entries[0].Programs);
        Assert.Equal(["Hélène Dubreuil-Castañeda", "Helene Castaneda"], entries[1].Names);
        Assert.Equal("person", entries[1].Kind);
    }

    [Theory]
    [InlineData("ofac-sdn", "text/csv", "x1,\"NAME\",-0- \r\n", "line 1: ent_num")]
    [InlineData("ofac-sdn", "text/csv", "36,\"AEROCARIBBEAN\r\n", "line 1: a quoted field is not closed")]
    [InlineData("ofac-sdn", "text/csv", "36,\"A\",-0- \r\n37,-0- ,-0- \r\n", "line 2: SDN_Name")]
    [InlineData("ofac-sdn", "text/csv", "\r\n\u001a", "no entries")]
    [InlineData("ofac-alt", "text/csv", "36,12,\"aka\",-0- ,-0- \r\n", "line 1: alt_name")]
    [InlineData("ofac-sdn", "application/xml", "<sdnList><sdnEntry><uid>1</uid>", "line 1")]
    [InlineData("ofac-sdn", "application/xml", "<export/>", "not <sdnList>")]
    [InlineData("ofac-sdn", "application/xml", "<sdnList>\n<sdnEntry><uid>1</uid></sdnEntry></sdnList>", "line 2: an <sdnEntry> without")]
    [InlineData("eu-consolidated", "application/xml", "<sdnList/>", "not <export>")]
    [InlineData("eu-consolidated", "application/xml", "<export><sanctionEntity logicalId=\"1\"><nameAlias wholeName=\"\"/></sanctionEntity></export>", "has no nameAlias with a name")]
    [InlineData("eu-consolidated", "application/xml", "<export><sanctionEntity><nameAlias wholeName=\"A\"/></sanctionEntity></export>", "without logicalId")]
    [InlineData("eu-consolidated", "application/xml", "<!DOCTYPE export [<!ENTITY x \"y\">]><export/>", "DTD")]
    public void A_file_that_cannot_be_read_is_refused_naming_where(string source, string mediaType, string body, string says)
    {
        using var file = Text(body);
        var refused = Assert.Throws<ScreeningListFormatException>(() => ScreeningListFormats.Read(source, mediaType, file));
        Assert.Contains(says, refused.Message, StringComparison.Ordinal);
    }
}
