namespace BankFunctions.Domain.Ids;

/// <summary>
/// A tenant (company) of the gateway: chosen by the operator ("acme-gmbh") or generated ("ten_…"); 3–40 characters
/// of a–z, 0–9, '-' and '_', starting with a letter. Stored and shown as its string.
/// </summary>
public readonly record struct TenantId
{
    public const string Prefix = "ten_";

    /// <summary>What <see cref="TryParse"/> accepts, for the OpenAPI document.</summary>
    public const string Pattern = "^[a-z][a-z0-9_-]{2,39}$";

    private TenantId(string value) => Value = value;

    public string Value { get; }

    public static TenantId New(DateTimeOffset now) => new(TimeOrderedId.New(Prefix, now));

    public static bool IsValid(string? value) =>
        value is { Length: >= 3 and <= 40 } && char.IsAsciiLetterLower(value[0]) &&
        value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    public static TenantId? TryParse(string? value) => IsValid(value) ? new TenantId(value!) : null;

    public static TenantId Parse(string value) => TryParse(value) ?? throw new FormatException($"'{value}' is not a tenant id.");

    public override string ToString() => Value;
}
