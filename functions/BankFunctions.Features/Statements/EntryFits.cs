using BankFunctions.Domain;
using BankFunctions.Formats.Statements;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Statements;

/// <summary>
/// The pure decisions of <see cref="EntryStore"/>'s slow path (EntryStore.Matching): whether an incoming entry and a
/// stored one are the same booking, when the stored one was found through its bank reference outside the incoming
/// entry's bucket. Rows only; no storage.
/// </summary>
public static class EntryFits
{
    /// <summary>Same money: equal amount in the same currency (a currency code in any case; "125.5" equals "125.50").</summary>
    public static bool SameMoney(StatementEntryRow stored, StatementEntryRow incoming) =>
        MoneyOf(stored) is { } a && MoneyOf(incoming) is { } b && a == b;

    /// <summary>
    /// The stored entry with the incoming entry's bank reference, found outside the incoming entry's bucket, is the
    /// same booking: same money, and either stored before buckets on the same day, or a pending entry since booked
    /// (either way round), or a member of the incoming bucket that the bucket read did not reach (it stops at a gap a
    /// move left). Anything else is another booking under a reused reference.
    /// </summary>
    public static bool SameBookingByReference(StatementEntryRow incoming, string incomingBucket, StatementEntryRow stored)
    {
        var movedWhenBooked = stored.Status == EntryStatus.Pending && incoming.Status == EntryStatus.Booked;
        // (A member the read reached and found different — Score -1 — stays different.)
        var behindGap = stored.EntryKey.StartsWith(incomingBucket + ".", StringComparison.Ordinal)
            && EntryKeys.Score(incoming.BankReference, incoming.EndToEndId, stored.BankReference, stored.EndToEndId) >= 0;
        return SameMoney(stored, incoming)
            && (EntryKeys.IsLegacy(stored.EntryKey) ? SameDay(stored, incoming) : movedWhenBooked || BookedSince(incoming, stored) || behindGap);
    }

    /// <summary>
    /// Another booking of the same day under a reference that may be MT940's 16-character cut of a longer one: bookings
    /// of a day whose references begin alike share it, and which "~n" occurrence each gets depends on which of them a
    /// file holds (an MT942 of new entries) — so it is not taken for a reused reference. Stored without its own
    /// reference row (that key is the other booking's); a reference reused the same day by exactly 16 characters
    /// therefore raises no conflict either.
    /// </summary>
    public static bool SharesTruncatedReference(StatementEntryRow incoming, StatementEntryRow earlier) =>
        incoming.BankReference?.Trim() is { Length: EntryKeys.TruncatedReferenceLength } cut
        && earlier.BankReference?.Trim() is { } other && other.StartsWith(cut, StringComparison.Ordinal)
        && SameDay(incoming, earlier);

    /// <summary>A pending entry whose stored twin (same reference) is booked on its day or later: the booking it became, not a new one.</summary>
    public static bool BookedSince(StatementEntryRow incoming, StatementEntryRow stored) =>
        incoming.Status == EntryStatus.Pending && stored.Status == EntryStatus.Booked
        && (incoming.BookingDate ?? incoming.ValueDate) is { } day && (stored.BookingDate ?? stored.ValueDate) is { } booked && string.CompareOrdinal(day, booked) <= 0;

    public static bool SameDay(StatementEntryRow a, StatementEntryRow b) => (a.BookingDate ?? a.ValueDate) == (b.BookingDate ?? b.ValueDate);

    /// <summary>A stored entry's signed amount with its currency; null when the row holds no valid money (never the same as anything).</summary>
    private static Money? MoneyOf(StatementEntryRow row) => Money.TryParse(row.Amount, row.Currency?.Trim().ToUpperInvariant(), out _);
}
