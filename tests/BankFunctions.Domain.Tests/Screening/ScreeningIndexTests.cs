using BankFunctions.Domain.Screening;
using Xunit;

namespace BankFunctions.Domain.Tests.Screening;

/// <summary>The index finds what a full scan with <see cref="NameScore"/> finds, best first, one hit per entry.</summary>
public sealed class ScreeningIndexTests
{
    private static readonly ScreeningEntry[] Entries =
    [
        new("ofac-sdn", "9001", "entity", ["KARAVELLA TRANSIT HOLDINGS LTD.", "KARAVELLA TRANZIT"], ["SDGT"]),
        new("ofac-sdn", "9002", "individual", ["ZOLOTNIKOV, Arkadiy Vitalyevich", "ЗОЛОТНИКОВ, Аркадий Витальевич"], ["RUSSIA-EO14024"]),
        new("eu-consolidated", "900103", "enterprise", ["Korea Pyonghwa Trading Corporation"], ["PRK"]),
        new("ofac-sdn", "9003", "vessel", ["SEA FALCON"], ["SDGT"]),
    ];

    [Fact]
    public void A_listed_name_is_found_with_its_entry_best_name_and_score()
    {
        var index = new ScreeningIndex(Entries);
        Assert.Equal((4, 6), (index.Entries, index.Names));
        var hit = Assert.Single(index.Screen("Karavella Tranzit Holdings", 0.85m));
        Assert.Equal("9001", hit.Entry.Id);
        Assert.Equal(NameScore.Score("Karavella Tranzit Holdings", hit.MatchedName), hit.Score);
        Assert.Equal(Entries[0].Names.Max(n => NameScore.Score("Karavella Tranzit Holdings", n)), hit.Score);
    }

    [Fact]
    public void A_cyrillic_spelling_finds_the_latin_entry_and_the_reverse()
    {
        var index = new ScreeningIndex(Entries);
        Assert.Equal("9002", Assert.Single(index.Screen("Аркадий Витальевич Золотников", 0.85m)).Entry.Id);
        Assert.Equal("9002", Assert.Single(index.Screen("Arkadii Zolotnikov", 0.85m)).Entry.Id);
    }

    [Fact]
    public void Nothing_below_the_threshold_is_a_hit()
    {
        var index = new ScreeningIndex(Entries);
        Assert.Empty(index.Screen("Muster GmbH", 0.85m));
        Assert.Empty(index.Screen("", 0.85m));
        var score = NameScore.Score("Korea Trading", "Korea Pyonghwa Trading Corporation");
        Assert.Single(index.Screen("Korea Trading", score));
        Assert.Empty(index.Screen("Korea Trading", score + 0.0001m));
    }

    [Fact]
    public void The_index_finds_what_a_full_scan_finds_for_names_sharing_a_first_letter_per_token()
    {
        var index = new ScreeningIndex(Entries);
        string[] screened = ["Sea Falcon Shipping", "Karavela", "Zolotnikov Arkady", "Pyonghwa Korea Trade Corp", "Seafalcon"];
        foreach (var name in screened)
        {
            var scan = Entries.Select(e => (e.Id, Score: e.Names.Max(n => NameScore.Score(name, n)))).Where(x => x.Score >= 0.8m).OrderBy(x => x.Id).ToList();
            var found = index.Screen(name, 0.8m).Select(h => (h.Entry.Id, h.Score)).OrderBy(x => x.Id).ToList();
            Assert.Equal(scan, found);
        }
    }
}
