namespace BankFunctions.Features;

/// <summary>Collects field-level validation messages for one request (RFC 9457 <c>errors</c>).</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
    }

    /// <summary>Required non-blank text of at most <paramref name="max"/> characters.</summary>
    public string? Text(string field, string? value, int max, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, "is required.");
            }
            return null;
        }
        if (value.Length > max)
        {
            Add(field, $"must be at most {max} characters.");
        }
        if (value.Any(char.IsControl))
        {
            Add(field, "must not contain control characters.");
        }
        return value.Trim();
    }

    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Throws a 400 problem with every collected message when anything was invalid.</summary>
    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new Http.ProblemException(Http.Problem.Validation(Errors));
        }
    }
}
