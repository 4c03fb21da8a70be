using BankFunctions.Domain;
using Xunit;

namespace BankFunctions.Domain.Tests;

public sealed class IbanTests
{
    // Examples from the SWIFT IBAN registry and national bank documentation.
    [Theory]
    [InlineData("DE89370400440532013000")]
    [InlineData("GB82WEST12345698765432")]
    [InlineData("GB82 WEST 1234 5698 7654 32")]
    [InlineData("FR1420041010050500013M02606")]
    [InlineData("NL91ABNA0417164300")]
    [InlineData("CH9300762011623852957")]
    [InlineData("BE68539007547034")]
    [InlineData("NO9386011117947")]
    [InlineData("MT84MALT011000012345MTLCAST001S")]
    [InlineData("de89370400440532013000")]
    public void Valid(string iban) => Assert.Null(Iban.Error(iban));

    [Theory]
    [InlineData("DE89370400440532013001", "check digits")]
    [InlineData("DE8937040044053201300", "must be 22")]
    [InlineData("GB82WEST1234569876543X", "check digits")]
    [InlineData("XX89370400440532013000", "not an IBAN country")]
    [InlineData("DE89-3704-0044-0532-0130", "letters and digits")]
    [InlineData("89370400440532013000", "country code")]
    [InlineData("", "country code")]
    public void Invalid(string iban, string message) => Assert.Contains(message, Iban.Error(iban));
}

public sealed class BicTests
{
    [Theory]
    [InlineData("DEUTDEFF")]
    [InlineData("DEUTDEFF500")]
    [InlineData("NWBKGB2L")]
    [InlineData("CMBCCNBS")]
    [InlineData("COBADEFFXXX")]
    public void Valid(string bic) => Assert.Null(Bic.Error(bic));

    [Theory]
    [InlineData("DEUT12FF")]
    [InlineData("DEUTXXFF")]
    [InlineData("DEUTDEF")]
    [InlineData("DEUTDEFF5001")]
    [InlineData("D3UTDEFF")]
    [InlineData("DEUTDEF0")]
    public void Invalid(string bic) => Assert.NotNull(Bic.Error(bic));
}

public sealed class ChineseBankingTests
{
    [Theory]
    [InlineData("308584000013")]
    [InlineData("102100099996")]
    [InlineData("105100000017")]
    public void Cnaps_valid(string code) => Assert.Null(ChineseBanking.CnapsError(code));

    [Theory]
    [InlineData("30858400001")]
    [InlineData("3085840000133")]
    [InlineData("30858400001X")]
    [InlineData("008584000013")]
    public void Cnaps_invalid(string code) => Assert.NotNull(ChineseBanking.CnapsError(code));

    [Theory]
    [InlineData("755915678810001", true)]
    [InlineData("6225880112345678", true)]
    [InlineData("1234567", false)]
    [InlineData("62258801-2345678", false)]
    public void Account_numbers(string account, bool valid) => Assert.Equal(valid, ChineseBanking.AccountNumberError(account) is null);
}

public sealed class CurrencyTests
{
    [Theory]
    [InlineData("CNY", 2)]
    [InlineData("EUR", 2)]
    [InlineData("USD", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    [InlineData("CLF", 4)]
    public void Minor_units(string code, int units) => Assert.Equal(units, Currency.Find(code)!.MinorUnits);

    [Theory]
    [InlineData("XXX")]
    [InlineData("eur")]
    [InlineData("EURO")]
    [InlineData(null)]
    public void Unknown(string? code) => Assert.Null(Currency.Find(code));
}

/// <summary>House rule: money is never binary floating point anywhere in Domain.</summary>
public sealed class NoFloatingPointConventionTests
{
    [Fact]
    public void No_public_member_of_domain_uses_double_or_float()
    {
        var offenders = typeof(Currency).Assembly.GetTypes()
            .SelectMany(t => t.GetMembers(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly)
                .Select(m => (Type: t, Member: m)))
            .Where(x => x.Member switch
            {
                System.Reflection.PropertyInfo p => IsFloat(p.PropertyType),
                System.Reflection.FieldInfo f => IsFloat(f.FieldType),
                System.Reflection.MethodInfo m => IsFloat(m.ReturnType) || m.GetParameters().Any(p => IsFloat(p.ParameterType)),
                _ => false,
            })
            .Select(x => $"{x.Type.Name}.{x.Member.Name}")
            .ToList();
        Assert.Empty(offenders);
    }

    private static bool IsFloat(Type t) => t == typeof(double) || t == typeof(float) || t == typeof(double?) || t == typeof(float?);
}
