using System.Globalization;

namespace BankFunctions.Formats.Statements.Mt940;

/// <summary>
/// The MT942 header fields that say what the report covers (SWIFT MT942 field specifications):
/// <c>:34F:</c> floor limit indicator 3!a[1!a]15d — currency, optional D/C mark, amount. The first occurrence is the
/// debit floor limit, or both limits when it has no D/C mark; a second occurrence is the credit floor limit.
/// <c>:13D:</c> date/time indication 6!n4!n1!x4!n — YYMMDD, HHMM, sign and UTC offset HHMM of when the report was
/// created (older reports send <c>:13:</c> YYMMDDHHMM without an offset, read as UTC).
/// </summary>
internal sealed class Mt942Fields
{
    private decimal? _debit;
    private decimal? _credit;
    private string? _currency;
    private int _floorLimitFields;

    public DateTimeOffset? CreatedAt { get; private set; }

    public FloorLimits? FloorLimits => _floorLimitFields == 0 ? null : new FloorLimits { Currency = _currency, Debit = _debit, Credit = _credit };

    /// <summary>Reads one <c>:34F:</c>; returns its currency (the report's currency) when readable.</summary>
    public string? ReadFloorLimit(ReadOnlySpan<char> text, FieldLocation where, List<StatementWarning> warnings)
    {
        var value = text.Trim();
        var mark = value.Length > 3 && value[3] is 'D' or 'C' ? value[3] : (char?)null;
        var amountText = value.Length > 3 ? value[(mark is null ? 3 : 4)..] : [];
        var currency = value.Length >= 3 && IsCurrency(value[..3]) ? ShortStrings.Get(value[..3]) : null;
        // mBank writes "PLN0" without the decimal comma SWIFT requires; an integer amount is still unambiguous.
        var amount = SwiftAmount.Parse(amountText) ?? (amountText.Length is > 0 and <= 15 && AllDigits(amountText)
            ? decimal.Parse(amountText, NumberStyles.None, CultureInfo.InvariantCulture) : null);
        if (currency is null || amount is null)
        {
            warnings.Add(StatementWarningCodes.FloorLimitUnreadable, $"{where}: unreadable floor limit ignored: expected currency, optional D/C mark and amount (e.g. EUR0, or EURD100,00), found '{value}'");
            return null;
        }
        _currency ??= currency;
        _floorLimitFields++;
        switch (mark)
        {
            case 'D':
                _debit = amount;
                break;
            case 'C':
                _credit = amount;
                break;
            default:
                // Without a mark: the first :34F: is the limit for both directions, a second one (against the
                // specification, which marks both) is read as the credit limit.
                if (_floorLimitFields == 1)
                {
                    (_debit, _credit) = (amount, amount);
                }
                else
                {
                    _credit = amount;
                }
                break;
        }
        return currency;
    }

    /// <summary>Reads <c>:13D:</c> (with offset) or <c>:13:</c> (without, UTC).</summary>
    public void ReadDateTime(string tag, ReadOnlySpan<char> text, FieldLocation where, List<StatementWarning> warnings)
    {
        var value = text.Trim();
        var withOffset = tag == "13D";
        if (value.Length >= 10 && AllDigits(value[..10]) && TryOffset(value[10..], withOffset, out var offset)
            && StatementDates.ParseYyMmDd(value[..6], warnings, where) is { } date
            && int.Parse(value.Slice(6, 2), CultureInfo.InvariantCulture) is var hour and < 24
            && int.Parse(value.Slice(8, 2), CultureInfo.InvariantCulture) is var minute and < 60)
        {
            CreatedAt = new DateTimeOffset(date.ToDateTime(new TimeOnly(hour, minute)), offset);
            return;
        }
        warnings.Add(StatementWarningCodes.DateUnreadable, $"{where}: unreadable date/time indication ignored: expected YYMMDDHHMM{(withOffset ? " and a UTC offset (e.g. 1701191815+0100)" : "")}, found '{value}'");
    }

    private static bool TryOffset(ReadOnlySpan<char> text, bool required, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (text.Length == 0)
        {
            return !required;
        }
        if (text.Length != 5 || text[0] is not ('+' or '-') || !AllDigits(text[1..]))
        {
            return false;
        }
        var hours = int.Parse(text.Slice(1, 2), CultureInfo.InvariantCulture);
        var minutes = int.Parse(text.Slice(3, 2), CultureInfo.InvariantCulture);
        if (hours > 14 || minutes > 59)
        {
            return false;
        }
        offset = new TimeSpan(hours, minutes, 0) * (text[0] == '-' ? -1 : 1);
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsCurrency(ReadOnlySpan<char> code) =>
        char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]) && char.IsAsciiLetterUpper(code[2]);
}
