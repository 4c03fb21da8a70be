namespace BankFunctions.Domain.Ids;

/// <summary>A tenant's user, a person who signs in (issue #15): "usr_" + a <see cref="TimeOrderedId"/>. Stored and shown as its string.</summary>
public readonly record struct UserId
{
    public const string Prefix = "usr_";

    private UserId(string value) => Value = value;

    public string Value { get; }

    public static UserId New(DateTimeOffset now) => new(TimeOrderedId.New(Prefix, now));

    /// <summary>Null unless <paramref name="value"/> has this id's prefix and shape.</summary>
    public static UserId? TryParse(string? value) => TimeOrderedId.HasShape(value, Prefix) ? new UserId(value!) : null;

    public override string ToString() => Value;
}
