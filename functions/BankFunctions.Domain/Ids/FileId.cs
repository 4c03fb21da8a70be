namespace BankFunctions.Domain.Ids;

/// <summary>A bank file: the unit signed and sent once. Stored and shown as its string ("file_…").</summary>
public readonly record struct FileId
{
    public const string Prefix = "file_";

    private FileId(string value) => Value = value;

    public string Value { get; }

    public static FileId New(DateTimeOffset now) => new(TimeOrderedId.New(Prefix, now));

    /// <summary>Null unless <paramref name="value"/> has this id's prefix and shape.</summary>
    public static FileId? TryParse(string? value) => TimeOrderedId.HasShape(value, Prefix) ? new FileId(value!) : null;

    /// <summary>An id read from our own storage (written by us, so trusted); throws <see cref="FormatException"/> if it is not one.</summary>
    public static FileId Parse(string value) => TryParse(value) ?? throw new FormatException($"'{value}' is not a {Prefix} id.");

    /// <summary>ISO 20022 MsgId (Max35Text) of the file: "BF" + the id without its prefix, upper-case — unique and stable across resends.</summary>
    public string MessageId => "BF" + TimeOrderedId.Body(Value).ToUpperInvariant();

    /// <summary>An id stored by us; not checked (rows written before typed ids are trusted as they are).</summary>
    public static FileId Of(string value) => new(value);

    public override string ToString() => Value;
}
