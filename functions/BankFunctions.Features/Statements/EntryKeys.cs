using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BankFunctions.Formats.Statements;

namespace BankFunctions.Features.Statements;

/// <summary>
/// The key an entry is stored under, so that the same booking arriving again — an overlapping pull, a redelivered
/// message, the intraday report followed by the day's statement, a manual import of a file already pulled — is stored
/// once. Bank reference first: the bank's own id of the booking (camt AcctSvcrRef, MT940 :61: "//" reference, CMB
/// refnbr) is the same in every report that carries the booking. Without one, a hash of what identifies the booking
/// (value date, signed amount, currency, references, counterparty account, remittance). Two bookings that are equal
/// in all of that within one file (two identical card payments on a day) are told apart by their order in the file,
/// so both are kept; the same pair in a later file maps to the same two keys.
/// Limits, by design: a bank that gives a pending entry a different reference from its booked successor, or changes
/// the value date between reports, defeats both rules and the entry is stored twice.
/// </summary>
public sealed class EntryKeys
{
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    /// <summary>The key of the next entry of this file (call in file order).</summary>
    public string Next(StatementEntry entry, string currency)
    {
        var basis = string.IsNullOrWhiteSpace(entry.BankReference)
            ? "h-" + Hash(Content(entry, currency))
            : "r-" + Safe(entry.BankReference.Trim());
        var occurrence = _seen.TryGetValue(basis, out var n) ? n + 1 : 0;
        _seen[basis] = occurrence;
        return occurrence == 0 ? basis : basis + "~" + occurrence.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A reference as a RowKey fragment: kept readable when it is plain (letters, digits, '.', '-', '_', ≤ 100),
    /// otherwise hashed — Table keys refuse '/', '\', '#', '?' and control characters, which references may contain.
    /// </summary>
    public static string Safe(string reference) =>
        reference.Length <= 100 && reference.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? reference
            : "x" + Hash(reference);

    private static string Content(StatementEntry e, string currency) => string.Join('\u001f',
        (e.ValueDate ?? e.BookingDate)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        Normalise(e.Amount), currency, e.EndToEndId ?? "", e.CustomerReference ?? "", e.Counterparty?.Account ?? "",
        e.RemittanceInformation ?? "", e.IsReversal ? "R" : "");

    /// <summary>12.5 and 12.50 are the same amount: compare without trailing zeros.</summary>
    public static string Normalise(decimal amount) => (amount / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];
}
