namespace BankFunctions.Domain.Ids;

/// <summary>An expected payment (a receivable or an expected debit): "xp_" + a <see cref="TimeOrderedId"/>. Stored and shown as its string.</summary>
public readonly record struct ExpectedPaymentId
{
    public const string Prefix = "xp_";

    private ExpectedPaymentId(string value) => Value = value;

    public string Value { get; }

    public static ExpectedPaymentId New(DateTimeOffset now) => new(TimeOrderedId.New(Prefix, now));

    /// <summary>Null unless <paramref name="value"/> has this id's prefix and shape.</summary>
    public static ExpectedPaymentId? TryParse(string? value) => TimeOrderedId.HasShape(value, Prefix) ? new ExpectedPaymentId(value!) : null;

    /// <summary>An id read from our own storage; throws <see cref="FormatException"/> if it is not one.</summary>
    public static ExpectedPaymentId Parse(string value) => TryParse(value) ?? throw new FormatException($"'{value}' is not a {Prefix} id.");

    public override string ToString() => Value;
}
