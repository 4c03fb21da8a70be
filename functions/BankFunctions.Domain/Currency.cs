namespace BankFunctions.Domain;

/// <summary>An ISO 4217 currency and its minor units (the number of decimals an amount must have).</summary>
public sealed record Currency(string Code, int MinorUnits)
{
    // ISO 4217 list one (active codes), minor units as published by the maintenance agency (SIX).
    private static readonly Dictionary<string, Currency> Table = new(StringComparer.Ordinal);

    static Currency()
    {
        const string zero = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
        const string three = "BHD IQD JOD KWD LYD OMR TND";
        const string four = "CLF UYW";
        const string two = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW " +
            "CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR " +
            "JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK " +
            "NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP " +
            "TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD YER ZAR ZMW ZWG";
        foreach (var (codes, units) in new[] { (zero, 0), (two, 2), (three, 3), (four, 4) })
        {
            foreach (var code in codes.Split(' '))
            {
                Table[code] = new Currency(code, units);
            }
        }
    }

    public static Currency? Find(string? code) => code is not null && Table.TryGetValue(code, out var c) ? c : null;

    public override string ToString() => Code;
}
