namespace BankFunctions.Domain.Ids;

/// <summary>A counterparty (a payee the tenant keeps): "cp_" + a <see cref="TimeOrderedId"/>. Stored and shown as its string.</summary>
public readonly record struct CounterpartyId
{
    public const string Prefix = "cp_";

    private CounterpartyId(string value) => Value = value;

    public string Value { get; }

    public static CounterpartyId New(DateTimeOffset now) => new(TimeOrderedId.New(Prefix, now));

    /// <summary>Null unless <paramref name="value"/> has this id's prefix and shape.</summary>
    public static CounterpartyId? TryParse(string? value) => TimeOrderedId.HasShape(value, Prefix) ? new CounterpartyId(value!) : null;

    public override string ToString() => Value;
}
