using System.Collections.Concurrent;
using System.Globalization;
using BankFunctions.Features.PaymentReferences;
using BankFunctions.Formats.Statements;

namespace BankFunctions.Features.Statements;

/// <summary>Where an entry belongs: its bucket (day, signed amount, currency), the reference index key, and the key it gets if its bucket is new.</summary>
/// <param name="Bucket">"20261204.D125.5.EUR": booking day (else value day), D/C and amount without trailing zeros, currency.</param>
/// <param name="Slot">The slot the entry takes when nothing of its bucket was stored before (its occurrence in this file).</param>
/// <param name="RefKey">"r-" + the bank reference (+ "~n" for its n-th repeat in this file), or null without one.</param>
public sealed record EntryIdentity(DateOnly Day, string Bucket, int Slot, string? RefKey)
{
    public string EntryKey => EntryKeys.SlotKey(Bucket, Slot);
}

/// <summary>
/// The identity of a booking, so that the same booking is stored once whichever format or feed brings it — camt.052
/// (intraday), camt.053 (day statement), camt.054 (notification), MT940/MT942, an import — and in whatever order.
/// <para>
/// What every format carries is the booking's day, its signed amount and currency; the bank reference is not reliable
/// across formats (MT940 cuts the `//` reference to 16 characters; some files have none; a simulator or bank restart
/// reuses references). So an entry is stored in a <b>bucket</b> (account, booking day — else value day —, signed amount,
/// currency) under a numbered slot: "20261204.D125.EUR.0", ".1", … — that key is the transaction id. An incoming entry
/// is the same booking as a stored member of its bucket when nothing they both carry contradicts it (see
/// <see cref="Score"/>): bank references equal or one a truncation of the other (the shorter ≥ 16 characters and a
/// prefix of the longer), end-to-end ids not different. Each stored member matches at most one entry of a file, so
/// two identical bookings in one file stay two (and match the same two on every later import); the best-fitting
/// member is taken first (equal reference, then a truncated one, then the end-to-end id, then content alone).
/// </para>
/// <para>
/// A second, exact index by bank reference ("r-" + reference, "~n" for its n-th repeat in one file — MT940's truncated
/// references repeat) finds a stored booking whose reference is known but which sits in another bucket: a pending
/// entry booked on another day moves there; any other difference in amount, date or direction is a different booking
/// under a reused reference — stored, and reported as a <c>statement.conflict</c> warning, never dropped.
/// Entries stored before buckets existed ("r-…"/"h-…" keys) are found through the same reference index; old entries
/// without a bank reference are not, and would be stored again by a re-import of their file.
/// </para>
/// Limits: an entry without any reference matches the first free member of its bucket, so which of two equal
/// bookings it is taken for is arbitrary (the count is right); a bank that changes the amount, or the day of a
/// booked entry, between reports produces two entries and a conflict warning. A truncated reference shared by several
/// bookings of a day is indexed by its order in the file ("~n"), which differs when a file holds only some of those
/// bookings (an MT942 of new entries); another booking of the same day found under a 16-character reference that
/// begins the stored one is therefore taken as a shared truncation, not a reuse: no conflict warning (so a same-day
/// reuse of exactly 16 characters is not reported either) — never a lost or doubled entry, since the bucket decides that.
/// A pending entry that moved to its booked day leaves an empty slot, and bucket reads stop at the first empty slot:
/// members behind it are still found through their reference (and a late pending report finds its booked entry), but
/// an entry without a reference behind such a gap can be stored again by a file that repeats it.
/// </summary>
public sealed class EntryKeys
{
    /// <summary>MT940/MT942 `//` bank reference is 16x: a reference that long may be the start of a longer one.</summary>
    public const int TruncatedReferenceLength = 16;

    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _references = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _claimed = new(StringComparer.Ordinal);

    /// <summary>The identity of the next entry of this file (call in file order).</summary>
    public EntryIdentity Next(StatementEntry entry, string currency, DateOnly day)
    {
        var bucket = Bucket(day, entry.Amount, currency);
        var slot = _slots.TryGetValue(bucket, out var n) ? n + 1 : 0;
        _slots[bucket] = slot;
        string? refKey = null;
        if (Reference(entry.BankReference) is { } reference)
        {
            var basis = "r-" + Safe(reference);
            var occurrence = _references.TryGetValue(basis, out var m) ? m + 1 : 0;
            _references[basis] = occurrence;
            refKey = occurrence == 0 ? basis : basis + "~" + occurrence.ToString(CultureInfo.InvariantCulture);
        }
        return new EntryIdentity(day, bucket, slot, refKey);
    }

    /// <summary>
    /// Marks a stored row as taken by an entry of this file, so no other entry of the file is matched to it (thread
    /// safe: chunks of a file are stored side by side). False when another entry has it.
    /// </summary>
    public bool Claim(string rowKey) => _claimed.TryAdd(rowKey, 0);

    public bool IsClaimed(string rowKey) => _claimed.ContainsKey(rowKey);

    public void Release(string rowKey) => _claimed.TryRemove(rowKey, out _);

    public static string Bucket(DateOnly day, decimal amount, string currency) => string.Create(CultureInfo.InvariantCulture,
        $"{day:yyyyMMdd}.{(amount < 0 ? 'D' : 'C')}{Normalise(Math.Abs(amount))}.{Safe(currency.Trim().ToUpperInvariant())}");

    /// <summary>Keys given before buckets: "r-" + bank reference, "h-" + content hash.</summary>
    public static bool IsLegacy(string entryKey) => entryKey.StartsWith("r-", StringComparison.Ordinal) || entryKey.StartsWith("h-", StringComparison.Ordinal);

    public static string SlotKey(string bucket, int slot) => bucket + "." + slot.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// How well a stored entry fits an incoming one of the same bucket: -1 when something they both carry says they
    /// are different bookings; 4 equal bank references, 3 one a truncation of the other, 2 equal end-to-end ids,
    /// 1 neither has a bank reference, 0 only one has (content alone).
    /// </summary>
    public static int Score(string? incomingReference, string? incomingEndToEnd, string? storedReference, string? storedEndToEnd)
    {
        var (a, b) = (Reference(incomingReference), Reference(storedReference));
        var (x, y) = (Meaningful(incomingEndToEnd), Meaningful(storedEndToEnd));
        if (x is not null && y is not null && !SameOrTruncated(x, y))
        {
            return -1;
        }
        if (a is not null && b is not null)
        {
            return a == b ? 4 : SameOrTruncated(a, b) ? 3 : -1;
        }
        return x is not null && y is not null ? 2 : a is null && b is null ? 1 : 0;
    }

    /// <summary>
    /// Whether <paramref name="incoming"/> says more than <paramref name="stored"/> about the same booking, so it
    /// should replace it: booked over pending, or (same status) a full bank reference over its truncation.
    /// </summary>
    public static bool Supersedes(string incomingStatus, string? incomingReference, string storedStatus, string? storedReference)
    {
        if (storedStatus == EntryStatus.Pending && incomingStatus == EntryStatus.Booked)
        {
            return true;
        }
        var (a, b) = (Reference(incomingReference), Reference(storedReference));
        return incomingStatus == storedStatus && a is not null && (b is null || (a.Length > b.Length && a.StartsWith(b, StringComparison.Ordinal)));
    }

    private static bool SameOrTruncated(string a, string b)
    {
        if (a == b)
        {
            return true;
        }
        var (shorter, longer) = a.Length < b.Length ? (a, b) : (b, a);
        return shorter.Length >= TruncatedReferenceLength && longer.StartsWith(shorter, StringComparison.Ordinal);
    }

    private static string? Reference(string? reference) =>
        string.IsNullOrWhiteSpace(reference) || reference.Trim() is "NONREF" or "NOTPROVIDED" ? null : reference.Trim();

    private static string? Meaningful(string? reference) => Reference(reference);

    /// <summary>A reference as a RowKey fragment (<see cref="ReferenceKeys.Safe"/>): the same key the payment-reference index uses.</summary>
    public static string Safe(string reference) => ReferenceKeys.Safe(reference);

    /// <summary>12.5 and 12.50 are the same amount: compare without trailing zeros.</summary>
    public static string Normalise(decimal amount) => (amount / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
