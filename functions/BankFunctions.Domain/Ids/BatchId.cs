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

    /// <summary>What every item id of the batch starts with ("pay_" + this id's body): a row key range holds exactly its items.</summary>
    public string ItemIdPrefix => PaymentId.Prefix + TimeOrderedId.Body(Value);

    /// <summary>Item ids derive from the batch id and the item's index, so a retried batch never doubles its items.</summary>
    public PaymentId ItemId(int index) => PaymentId.Of(ItemIdPrefix + index.ToString("D5", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A batch is one bank file, whose id derives from the batch id, so a redelivered sign message finds it again.</summary>
    public FileId FileId => FileId.Of(FileId.Prefix + TimeOrderedId.Body(Value));

    /// <summary>An id stored by us; not checked (rows written before typed ids are trusted as they are).</summary>
    public static BatchId Of(string value) => new(value);

    public override string ToString() => Value;
}
