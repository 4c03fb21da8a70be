namespace BankFunctions.Features.Receivables;

/// <summary>
/// A remittance pattern: '*' any run of characters, '?' one character, everything else itself, compared without case
/// against the whole remittance text (so "*INV 2026-0??*" finds "Payment INV 2026-017 thanks"). No regular expressions:
/// a tenant's pattern cannot make matching slow (this is linear in text × pattern).
/// </summary>
public static class RemittancePattern
{
    public const int MaxLength = 140;

    public static bool Matches(string pattern, string? text)
    {
        if (text is null)
        {
            return false;
        }
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(text[t])))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }
}
