namespace BankFunctions.Domain.Ids;

/// <summary>A batch or payroll submission. Stored and shown as its string ("bat_…").</summary>
public readonly record struct BatchId
{
    public const string Prefix = "bat_";

    private BatchId(string value) => Value = value;

    public string Value { get; }

    public static BatchId New(DateTimeOffset now) => new(TimeOrderedId.New(Prefix, now));

    /// <summary>Null unless <paramref name="value"/> has this id's prefix and shape.</summary>
    public static BatchId? TryParse(string? value) => TimeOrderedId.HasShape(value, Prefix) ? new BatchId(value!) : null;

    /// <summary>An id read from our own storage (written by us, so trusted); throws <see cref="FormatException"/> if it is not one.</summary>
    public static BatchId Parse(string value) => TryParse(value) ?? throw new FormatException($"'{value}' is not a {Prefix} id.");

    public override string ToString() => Value;
}
