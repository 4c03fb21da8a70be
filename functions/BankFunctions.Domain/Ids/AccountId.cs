namespace BankFunctions.Domain.Ids;

/// <summary>A tenant's bank account. Stored and shown as its string ("acc_…").</summary>
public readonly record struct AccountId
{
    public const string Prefix = "acc_";

    private AccountId(string value) => Value = value;

    public string Value { get; }

    public static AccountId New(DateTimeOffset now) => new(TimeOrderedId.New(Prefix, now));

    /// <summary>Null unless <paramref name="value"/> has this id's prefix and shape.</summary>
    public static AccountId? TryParse(string? value) => TimeOrderedId.HasShape(value, Prefix) ? new AccountId(value!) : null;

    /// <summary>An id read from our own storage (written by us, so trusted); throws <see cref="FormatException"/> if it is not one.</summary>
    public static AccountId Parse(string value) => TryParse(value) ?? throw new FormatException($"'{value}' is not a {Prefix} id.");

    public override string ToString() => Value;
}
