namespace BankFunctions.Domain.Ids;

/// <summary>One bank account of a counterparty: "cpa_" + a <see cref="TimeOrderedId"/>. Stored and shown as its string.</summary>
public readonly record struct CounterpartyAccountId
{
    public const string Prefix = "cpa_";

    private CounterpartyAccountId(string value) => Value = value;

    public string Value { get; }

    public static CounterpartyAccountId New(DateTimeOffset now) => new(TimeOrderedId.New(Prefix, now));

    /// <summary>Null unless <paramref name="value"/> has this id's prefix and shape.</summary>
    public static CounterpartyAccountId? TryParse(string? value) => TimeOrderedId.HasShape(value, Prefix) ? new CounterpartyAccountId(value!) : null;

    public override string ToString() => Value;
}
