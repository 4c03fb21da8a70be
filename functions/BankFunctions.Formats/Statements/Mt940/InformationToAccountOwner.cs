using System.Buffers;

namespace BankFunctions.Formats.Statements.Mt940;

/// <summary>What :86: (information to account owner) says, in whichever of the common layouts the bank used.</summary>
internal readonly record struct InformationToAccountOwner(
    string? RemittanceInformation,
    string? EndToEndId,
    string? CustomerReference,
    string? ReturnInfo,
    Counterparty? Counterparty,
    string? TransactionCode)
{
    private static readonly string[] SepaTags =
        ["EREF+", "KREF+", "MREF+", "CRED+", "DEBT+", "SVWZ+", "ABWA+", "ABWE+", "COAM+", "OAMT+", "IBAN+", "BIC+"];
    private const int EndToEndTag = 0, CustomerReferenceTag = 1, RemittanceTag = 5;

    // Dutch banks (ING, ABN AMRO, Rabobank, bunq, Triodos): /TAG/value/ pairs.
    private static readonly string[] SlashTags =
    [
        "TRTP", "IBAN", "BIC", "NAME", "REMI", "EREF", "MARF", "CSID", "CNTP", "ORDP", "BENM", "ADDR", "PREF",
        "RTRN", "OCMT", "CHGS", "ULTC", "ULTD", "ULTB", "PURP", "ISDT", "EXCH", "ID", "SVCL", "CREF", "TRCD", "BUSP",
    ];

    // Tag → position in SlashTags, looked up straight from the text without making a string.
    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> SlashTagIndex =
        SlashTags.Index().ToDictionary(t => t.Item, t => t.Index, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    public static InformationToAccountOwner Parse(FieldLines lines)
    {
        var joined = lines.Concatenated();
        if (joined.Length >= 4 && char.IsAsciiDigit(joined[0]) && char.IsAsciiDigit(joined[1]) && char.IsAsciiDigit(joined[2]) && joined[3] == '?')
        {
            return ParseGerman(joined);
        }
        if (joined.StartsWith('/') && TryParseSlashCoded(joined) is { } slash)
        {
            return slash;
        }
        return new(FreeText(lines), null, null, null, null, null);
    }

    /// <summary>The lines trimmed and joined by a space, or null when that leaves nothing.</summary>
    private static string? FreeText(FieldLines lines)
    {
        var buffer = ArrayPool<char>.Shared.Rent(lines.Concatenated().Length + lines.Count);
        try
        {
            var written = 0;
            for (var i = 0; i < lines.Count; i++)
            {
                if (i > 0)
                {
                    buffer[written++] = ' ';
                }
                var line = lines[i].Trim();
                line.CopyTo(buffer.AsSpan(written));
                written += line.Length;
            }
            var free = buffer.AsSpan(0, written).Trim();
            return free.IsEmpty ? null : free.ToString();
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// German DFÜ-Abkommen layout: 3-digit GVC then ?NN subfields; ?00 booking text, ?20–?29 and ?60–?63 purpose
    /// (SEPA purpose split into 27-character pieces, so they are joined without separator), ?30 bank, ?31 account,
    /// ?32/?33 name.
    /// </summary>
    private static InformationToAccountOwner ParseGerman(ReadOnlySpan<char> text)
    {
        // Purpose and name are put together in one scratch buffer: neither can be longer than the text.
        var scratch = ArrayPool<char>.Shared.Rent(text.Length * 2);
        try
        {
            var purpose = scratch.AsSpan(0, text.Length);
            var nameBuffer = scratch.AsSpan(text.Length, text.Length);
            int purposeLength = 0, nameLength = 0;
            string? bank = null, account = null;
            var hasName = false;
            var position = NextSubfield(text, 3);
            while (position < text.Length)
            {
                var code = (text[position + 1] - '0') * 10 + (text[position + 2] - '0');
                var start = position + 3;
                var end = NextSubfield(text, start);
                var value = text[start..end];
                switch (code)
                {
                    case >= 20 and <= 29:
                    case >= 60 and <= 63:
                        value.CopyTo(purpose[purposeLength..]);
                        purposeLength += value.Length;
                        break;
                    case 30:
                        bank = value.Trim().ToString();
                        break;
                    case 31:
                        account = value.Trim().ToString();
                        break;
                    case 32:
                    case 33:
                        // The name continues from ?32 into ?33; each step is trimmed, as the name so far plus the piece.
                        value.CopyTo(nameBuffer[nameLength..]);
                        var name = nameBuffer[..(nameLength + value.Length)].Trim();
                        name.CopyTo(nameBuffer);
                        nameLength = name.Length;
                        hasName = true;
                        break;
                }
                position = end;
            }

            var purposeText = purpose[..purposeLength];
            string? endToEnd = null, customerRef = null, remittance;
            if (!SepaTagValues(purposeText, out var endToEndValue, out var customerRefValue, out var remittanceValue))
            {
                remittance = EmptyToNull(purposeText.Trim());
            }
            else
            {
                endToEnd = Meaningful(endToEndValue);
                customerRef = Meaningful(customerRefValue);
                remittance = EmptyToNull(remittanceValue.Trim());
            }
            var counterparty = bank is null && account is null && !hasName
                ? null
                : new Counterparty { Name = hasName ? EmptyToNull(nameBuffer[..nameLength]) : null, Account = EmptyToNull(account), Bank = EmptyToNull(bank) };
            return new(remittance, endToEnd, customerRef, null, counterparty, ShortStrings.Get(text[..3]));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(scratch);
        }
    }

    /// <summary>Where the next ?NN subfield starts at or after <paramref name="from"/>, or the text's length.</summary>
    private static int NextSubfield(ReadOnlySpan<char> text, int from)
    {
        while (from < text.Length)
        {
            var mark = text[from..].IndexOf('?');
            if (mark < 0)
            {
                break;
            }
            var at = from + mark;
            if (at + 2 < text.Length && char.IsAsciiDigit(text[at + 1]) && char.IsAsciiDigit(text[at + 2]))
            {
                return at;
            }
            from = at + 1;
        }
        return text.Length;
    }

    /// <summary>
    /// Finds the SEPA tags (EREF+, KREF+, SVWZ+ …) in a purpose text; each value runs to the next tag found, whichever
    /// it is. Gives the values of EREF+, KREF+ and SVWZ+ (empty when absent) and whether any tag was found at all.
    /// </summary>
    private static bool SepaTagValues(ReadOnlySpan<char> purpose, out ReadOnlySpan<char> endToEnd, out ReadOnlySpan<char> customerRef, out ReadOnlySpan<char> remittance)
    {
        Span<int> found = stackalloc int[SepaTags.Length];
        var any = false;
        for (var i = 0; i < SepaTags.Length; i++)
        {
            found[i] = purpose.IndexOf(SepaTags[i], StringComparison.Ordinal);
            any |= found[i] >= 0;
        }
        endToEnd = SepaTagValue(purpose, found, EndToEndTag);
        customerRef = SepaTagValue(purpose, found, CustomerReferenceTag);
        remittance = SepaTagValue(purpose, found, RemittanceTag);
        return any;
    }

    private static ReadOnlySpan<char> SepaTagValue(ReadOnlySpan<char> purpose, scoped ReadOnlySpan<int> found, int tag)
    {
        var index = found[tag];
        if (index < 0)
        {
            return [];
        }
        var end = purpose.Length;
        foreach (var other in found)
        {
            if (other > index && other < end)
            {
                end = other;
            }
        }
        var start = index + SepaTags[tag].Length;
        return end >= start ? purpose[start..end] : [];
    }

    /// <summary>
    /// /TAG/value/TAG/value/ … where a value may itself hold '/': it runs up to the next known tag that has not been
    /// seen yet (a repeated tag is read as text). Null when the text does not start with a known tag.
    /// </summary>
    private static InformationToAccountOwner? TryParseSlashCoded(ReadOnlySpan<char> text)
    {
        Span<int> starts = stackalloc int[SlashTags.Length];
        Span<int> ends = stackalloc int[SlashTags.Length];
        starts.Fill(-1);
        var current = -1;
        var partStart = 1; // after the leading '/'
        while (true)
        {
            var slash = text[partStart..].IndexOf('/');
            var partEnd = slash < 0 ? text.Length : partStart + slash;
            if (SlashTagIndex.TryGetValue(text[partStart..partEnd], out var tag) && starts[tag] < 0)
            {
                if (current >= 0)
                {
                    ends[current] = partStart - 1;
                }
                current = tag;
                starts[tag] = Math.Min(partEnd + 1, text.Length);
            }
            else if (current < 0)
            {
                return null;
            }
            if (slash < 0)
            {
                break;
            }
            partStart = partEnd + 1;
        }
        ends[current] = text.Length;
        var values = new SlashValues(text, starts, ends);

        var remittance = values.Value("REMI");
        if (remittance is not null)
        {
            // ING/ABN: /REMI/USTD//text/ (unstructured) or /REMI/STRD/CUR/reference/ (structured creditor reference).
            if (remittance.StartsWith("USTD//", StringComparison.Ordinal)) remittance = EmptyToNull(remittance.AsSpan(6).Trim('/'));
            else if (remittance.StartsWith("STRD/CUR/", StringComparison.Ordinal)) remittance = EmptyToNull(remittance.AsSpan(9).Trim('/'));
        }
        string? name = values.Value("NAME"), account = values.Value("IBAN"), bank = values.Value("BIC");
        var cntp = values.Trimmed("CNTP");
        if (!cntp.IsWhiteSpace())
        {
            // /CNTP/account/BIC/name/city/
            var pieces = cntp.Split('/');
            var cntpAccount = pieces.MoveNext() ? cntp[pieces.Current] : [];
            var cntpBank = pieces.MoveNext() ? cntp[pieces.Current] : [];
            var cntpName = pieces.MoveNext() ? cntp[pieces.Current] : [];
            account ??= EmptyToNull(cntpAccount);
            bank ??= EmptyToNull(cntpBank);
            name ??= EmptyToNull(cntpName);
        }
        var counterparty = name is null && account is null && bank is null ? null : new Counterparty { Name = name, Account = account, Bank = bank };
        return new(remittance, Meaningful(values.Value("EREF")), values.Value("PREF"), values.Value("RTRN"), counterparty, values.Value("TRTP"));
    }

    /// <summary>The value of each slash tag found, as a range of the text.</summary>
    private readonly ref struct SlashValues(ReadOnlySpan<char> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends)
    {
        private readonly ReadOnlySpan<char> _text = text;
        private readonly ReadOnlySpan<int> _starts = starts;
        private readonly ReadOnlySpan<int> _ends = ends;

        /// <summary>The value without surrounding '/' and white space; empty when the tag is absent.</summary>
        public ReadOnlySpan<char> Trimmed(string tag)
        {
            var index = SlashTagIndex[tag];
            var start = _starts[index];
            return start < 0 ? [] : _text[start..Math.Max(start, _ends[index])].Trim('/').Trim();
        }

        public string? Value(string tag) => EmptyToNull(Trimmed(tag));
    }

    private static string? Meaningful(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed == "NOTPROVIDED" ? null : trimmed;
    }

    private static string? Meaningful(ReadOnlySpan<char> value)
    {
        var trimmed = value.Trim();
        return trimmed is "" or "NOTPROVIDED" ? null : trimmed.ToString();
    }

    private static string? EmptyToNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string? EmptyToNull(ReadOnlySpan<char> value) => value.IsWhiteSpace() ? null : value.ToString();
}
