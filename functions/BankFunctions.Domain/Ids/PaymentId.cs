namespace BankFunctions.Domain.Ids;

/// <summary>A payment (single, or a batch item: batch id body + '-' + item index). Stored and shown as its string ("pay_…").</summary>
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

    public override string ToString() => Value;
}
