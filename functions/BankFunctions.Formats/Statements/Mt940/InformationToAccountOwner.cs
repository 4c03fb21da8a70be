using System.Text;

namespace BankFunctions.Formats.Statements.Mt940;

/// <summary>What :86: (information to account owner) says, in whichever of the common layouts the bank used.</summary>
internal sealed record InformationToAccountOwner(
    string? RemittanceInformation,
    string? EndToEndId,
    string? CustomerReference,
    string? ReturnInfo,
    Counterparty? Counterparty,
    string? TransactionCode)
{
    private static readonly string[] SepaTags =
        ["EREF+", "KREF+", "MREF+", "CRED+", "DEBT+", "SVWZ+", "ABWA+", "ABWE+", "COAM+", "OAMT+", "IBAN+", "BIC+"];

    // Dutch banks (ING, ABN AMRO, Rabobank, bunq, Triodos): /TAG/value/ pairs.
    private static readonly HashSet<string> SlashTags = new(StringComparer.Ordinal)
    {
        "TRTP", "IBAN", "BIC", "NAME", "REMI", "EREF", "MARF", "CSID", "CNTP", "ORDP", "BENM", "ADDR", "PREF",
        "RTRN", "OCMT", "CHGS", "ULTC", "ULTD", "ULTB", "PURP", "ISDT", "EXCH", "ID", "SVCL", "CREF", "TRCD", "BUSP",
    };

    public static InformationToAccountOwner Parse(IReadOnlyList<string> lines)
    {
        var joined = string.Concat(lines);
        if (joined.Length >= 4 && char.IsAsciiDigit(joined[0]) && char.IsAsciiDigit(joined[1]) && char.IsAsciiDigit(joined[2]) && joined[3] == '?')
        {
            return ParseGerman(joined);
        }
        if (joined.StartsWith('/') && TryParseSlashCoded(joined) is { } slash)
        {
            return slash;
        }
        var free = string.Join(" ", lines.Select(l => l.Trim())).Trim();
        return new(free.Length == 0 ? null : free, null, null, null, null, null);
    }

    /// <summary>
    /// German DFÜ-Abkommen layout: 3-digit GVC then ?NN subfields; ?00 booking text, ?20–?29 and ?60–?63 purpose
    /// (SEPA purpose split into 27-character pieces, so they are joined without separator), ?30 bank, ?31 account,
    /// ?32/?33 name.
    /// </summary>
    private static InformationToAccountOwner ParseGerman(string text)
    {
        var purpose = new StringBuilder();
        string? bank = null, account = null, name = null;
        var position = 3;
        while (position < text.Length)
        {
            if (text[position] != '?' || position + 2 >= text.Length || !char.IsAsciiDigit(text[position + 1]) || !char.IsAsciiDigit(text[position + 2]))
            {
                position++;
                continue;
            }
            var code = (text[position + 1] - '0') * 10 + (text[position + 2] - '0');
            var start = position + 3;
            var end = start;
            while (end < text.Length && !(text[end] == '?' && end + 2 < text.Length && char.IsAsciiDigit(text[end + 1]) && char.IsAsciiDigit(text[end + 2])))
            {
                end++;
            }
            var value = text[start..end];
            switch (code)
            {
                case >= 20 and <= 29:
                case >= 60 and <= 63:
                    purpose.Append(value);
                    break;
                case 30:
                    bank = value.Trim();
                    break;
                case 31:
                    account = value.Trim();
                    break;
                case 32:
                case 33:
                    name = (name + value).Trim();
                    break;
            }
            position = end;
        }

        var purposeText = purpose.ToString();
        var tags = SplitSepaTags(purposeText);
        string? endToEnd = null, customerRef = null, remittance;
        if (tags.Count == 0)
        {
            remittance = purposeText.Trim();
        }
        else
        {
            endToEnd = Meaningful(tags.GetValueOrDefault("EREF+"));
            customerRef = Meaningful(tags.GetValueOrDefault("KREF+"));
            remittance = tags.GetValueOrDefault("SVWZ+")?.Trim();
        }
        var counterparty = bank is null && account is null && name is null
            ? null
            : new Counterparty { Name = EmptyToNull(name), Account = EmptyToNull(account), Bank = EmptyToNull(bank) };
        return new(EmptyToNull(remittance), endToEnd, customerRef, null, counterparty, text[..3]);
    }

    private static Dictionary<string, string> SplitSepaTags(string purpose)
    {
        var found = new List<(int Index, string Tag)>();
        foreach (var tag in SepaTags)
        {
            var index = purpose.IndexOf(tag, StringComparison.Ordinal);
            if (index >= 0)
            {
                found.Add((index, tag));
            }
        }
        found.Sort((a, b) => a.Index.CompareTo(b.Index));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < found.Count; i++)
        {
            var start = found[i].Index + found[i].Tag.Length;
            var end = i + 1 < found.Count ? found[i + 1].Index : purpose.Length;
            if (end >= start)
            {
                result.TryAdd(found[i].Tag, purpose[start..end]);
            }
        }
        return result;
    }

    private static InformationToAccountOwner? TryParseSlashCoded(string text)
    {
        var parts = text.Split('/');
        var values = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        StringBuilder? current = null;
        for (var i = 1; i < parts.Length; i++)
        {
            if (SlashTags.Contains(parts[i]) && (current is null || !values.ContainsKey(parts[i])))
            {
                current = new StringBuilder();
                values[parts[i]] = current;
                continue;
            }
            if (current is null)
            {
                return null;
            }
            if (current.Length > 0 || parts[i].Length == 0)
            {
                current.Append('/');
            }
            current.Append(parts[i]);
        }
        if (values.Count == 0)
        {
            return null;
        }
        string? Value(string tag) => values.TryGetValue(tag, out var sb) ? EmptyToNull(sb.ToString().Trim('/').Trim()) : null;

        var remittance = Value("REMI");
        if (remittance is not null)
        {
            // ING/ABN: /REMI/USTD//text/ (unstructured) or /REMI/STRD/CUR/reference/ (structured creditor reference).
            if (remittance.StartsWith("USTD//", StringComparison.Ordinal)) remittance = EmptyToNull(remittance[6..].Trim('/'));
            else if (remittance.StartsWith("STRD/CUR/", StringComparison.Ordinal)) remittance = EmptyToNull(remittance[9..].Trim('/'));
        }
        string? name = Value("NAME"), account = Value("IBAN"), bank = Value("BIC");
        if (Value("CNTP") is { } cntp)
        {
            // /CNTP/account/BIC/name/city/
            var c = cntp.Split('/');
            account ??= EmptyToNull(c.ElementAtOrDefault(0));
            bank ??= EmptyToNull(c.ElementAtOrDefault(1));
            name ??= EmptyToNull(c.ElementAtOrDefault(2));
        }
        var counterparty = name is null && account is null && bank is null ? null : new Counterparty { Name = name, Account = account, Bank = bank };
        return new(remittance, Meaningful(Value("EREF")), Value("PREF"), Value("RTRN"), counterparty, Value("TRTP"));
    }

    private static string? Meaningful(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed == "NOTPROVIDED" ? null : trimmed;
    }

    private static string? EmptyToNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
