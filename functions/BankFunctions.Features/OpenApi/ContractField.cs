namespace BankFunctions.Features.OpenApi;

/// <summary>
/// What the OpenAPI document says about one property beyond its .NET type: required although nullable in C# (request
/// records keep every field nullable so a missing one gets a field message, not a serializer error), the allowed
/// values, pattern and length the validators enforce, and an example. <see cref="ContractFields"/> lists them from the
/// validators' own constants; the document builder fails if one names a property that no longer exists.
/// </summary>
public sealed record ContractField(Type Owner, string Property)
{
    public bool Required { get; init; }
    public int? MaxLength { get; init; }
    public string? Pattern { get; init; }
    public string? Format { get; init; }
    /// <summary>Allowed values; for an array property they apply to its items.</summary>
    public IReadOnlyList<string>? Enum { get; init; }
    public int? MaxItems { get; init; }
    public string? Example { get; init; }
    public string? Description { get; init; }
}
