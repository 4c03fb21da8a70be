namespace BankFunctions.Domain.Ids;

/// <summary>
/// A payment: single ("pay_" + a <see cref="TimeOrderedId"/>), or a batch item ("pay_" + its batch id's body + the item
/// index in five digits, <see cref="BatchId.ItemId"/>). Stored and shown as its string.
/// </summary>
public readonly record struct PaymentId
{
    public const string Prefix = "pay_";

    private PaymentId(string value) => Value = value;

    public string Value { get; }

    public static PaymentId New(DateTimeOffset now) => new(TimeOrderedId.New(Prefix, now));

    /// <summary>Null unless <paramref name="value"/> has this id's prefix and shape.</summary>
    public static PaymentId? TryParse(string? value) => TimeOrderedId.HasShape(value, Prefix) ? new PaymentId(value!) : null;

    /// <summary>An id read from our own storage (written by us, so trusted); throws <see cref="FormatException"/> if it is not one.</summary>
    public static PaymentId Parse(string value) => TryParse(value) ?? throw new FormatException($"'{value}' is not a {Prefix} id.");

    /// <summary>
    /// The ISO 20022 EndToEndId a payment gets when its submitter gives none: the id without its prefix, upper-case —
    /// unique, stable across resends, and within Max35Text (26 characters; 31 for a batch item).
    /// </summary>
    public string DefaultEndToEndId => TimeOrderedId.Body(Value).ToUpperInvariant();

    /// <summary>An id stored by us; not checked (rows written before typed ids are trusted as they are).</summary>
    public static PaymentId Of(string value) => new(value);

    public override string ToString() => Value;
}
