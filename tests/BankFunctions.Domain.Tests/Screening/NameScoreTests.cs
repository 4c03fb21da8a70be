using BankFunctions.Domain.Screening;
using Xunit;

namespace BankFunctions.Domain.Tests.Screening;

/// <summary>The screening scorer as a pure function: folding, token order, spelling variants, and what must not match.</summary>
public sealed class NameScoreTests
{
    [Theory]
    [InlineData("Müller & Söhne GmbH", "muller sohne")]
    [InlineData("STRAßE", "strasse")]
    [InlineData("O'Brien, Seán", "obrien sean")]
    [InlineData("Ørsted A/S", "orsted a s")]
    [InlineData("Hélène Dubreuil-Castañeda", "helene dubreuil castaneda")]
    [InlineData("ЗОЛОТНИКОВ Аркадий", "zolotnikov arkadii")]
    [InlineData("The Co.", "the co")]
    public void Names_are_folded_to_lower_case_ascii_tokens_without_legal_forms(string name, string tokens) =>
        Assert.Equal(tokens, string.Join(' ', ScreeningNames.Tokens(name)));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-- / --")]
    [InlineData(null)]
    public void A_name_without_letters_has_no_tokens_and_matches_nothing(string? name)
    {
        Assert.Empty(ScreeningNames.Tokens(name));
        Assert.Equal(0m, NameScore.Score(name, "Anything"));
    }

    [Fact]
    public void Equal_names_score_one_whatever_the_case_order_and_punctuation()
    {
        Assert.Equal(1m, NameScore.Score("ZOLOTNIKOV, Arkadiy Vitalyevich", "Arkadiy Vitalyevich Zolotnikov"));
        Assert.Equal(1m, NameScore.Score("Karavella Transit Holdings Ltd.", "KARAVELLA TRANSIT HOLDINGS LIMITED"));
        Assert.Equal(1m, NameScore.Score("Hélène Dubreuil-Castañeda", "HELENE DUBREUIL CASTANEDA"));
    }

    [Theory]
    [InlineData("Karavela Tranzit Holdings", "KARAVELLA TRANSIT HOLDINGS LTD.", 0.90)]
    [InlineData("Arkady Zolotnikov", "ZOLOTNIKOV, Arkadiy", 0.95)]
    [InlineData("Золотников Аркадий Витальевич", "ZOLOTNIKOV, Arkadiy Vitalyevich", 0.90)]
    [InlineData("Aerocaribean Airlines", "AEROCARIBBEAN AIRLINES", 0.95)]
    [InlineData("Al Qaida", "AL-QAIDA", 1.0)]
    [InlineData("Arkadiy Zolotnikov", "ZOLOTNIKOV, Arkadiy Vitalyevich", 0.85)]
    [InlineData("Alqaida", "AL QAIDA", 0.95)]
    public void Spelling_variants_score_high(string screened, string listed, double atLeast) =>
        Assert.True(NameScore.Score(screened, listed) >= (decimal)atLeast, $"{NameScore.Score(screened, listed)}");

    [Theory]
    [InlineData("Muster GmbH", "KARAVELLA TRANSIT HOLDINGS LTD.")]
    [InlineData("John Smith", "Jane Doe")]
    [InlineData("Sea Breeze Hotels", "SEA FALCON")]
    [InlineData("深圳市供应商有限公司", "AEROCARIBBEAN AIRLINES")]
    [InlineData("Northern Lights Bakery", "NORTHERN \"STAR\" EXCHANGE HOUSE")]
    public void Different_names_score_below_a_usual_threshold(string screened, string listed) =>
        Assert.True(NameScore.Score(screened, listed) < 0.85m, $"{NameScore.Score(screened, listed)}");

    [Fact]
    public void A_missing_or_extra_token_lowers_the_score_by_its_weight()
    {
        var full = NameScore.Score("Arkadiy Vitalyevich Zolotnikov", "ZOLOTNIKOV, Arkadiy Vitalyevich");
        var partial = NameScore.Score("Arkadiy Zolotnikov", "ZOLOTNIKOV, Arkadiy Vitalyevich");
        var single = NameScore.Score("Zolotnikov", "ZOLOTNIKOV, Arkadiy Vitalyevich");
        Assert.True(full > partial && partial > single, $"{full} {partial} {single}");
    }

    [Fact]
    public void A_listed_token_missing_from_the_screened_name_weighs_less_than_an_extra_screened_token()
    {
        var missing = NameScore.Score("Karavela Tranzit", "KARAVELLA TRANSIT HOLDINGS");
        var extra = NameScore.Score("KARAVELLA TRANSIT HOLDINGS", "Karavela Tranzit");
        Assert.True(missing > extra, $"{missing} {extra}");
        Assert.Equal(missing, decimal.Round(missing, 4));
        Assert.InRange(extra, 0m, 1m);
    }
}
