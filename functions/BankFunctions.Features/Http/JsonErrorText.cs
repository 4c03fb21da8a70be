using System.Text.Json;
using System.Text.RegularExpressions;

namespace BankFunctions.Features.Http;

/// <summary>
/// System.Text.Json's messages in the API's words: "could not be converted to BankFunctions.Features.Payments.AmountInput"
/// becomes what the field must be; no .NET type name reaches a client.
/// </summary>
public static partial class JsonErrorText
{
    /// <summary>The message for a body of type <paramref name="root"/>: a type mismatch says what the field at the error's path must be.</summary>
    public static string Describe(JsonException e, Type root)
    {
        if (e.Message.Contains("could not be converted to", StringComparison.Ordinal) && TypeAt(root, e.Path) is { } type)
        {
            return Expected(type);
        }
        return Describe(e);
    }

    public static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return "Unknown field: the contract does not define it.";
        }
        if (ConvertedTo().Match(message) is { Success: true } converted)
        {
            return Expected(converted.Groups["type"].Value);
        }
        if (message.Contains("BankFunctions.", StringComparison.Ordinal) || message.Contains("System.", StringComparison.Ordinal))
        {
            return "has the wrong type for this field.";
        }
        return message.Length > 300 ? message[..300] : message;
    }

    /// <summary>The .NET type bound at a JSON path such as "$.items[3].amount.value" (null when the path leaves the contract).</summary>
    public static Type? TypeAt(Type root, string? path)
    {
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return null;
        }
        var type = root;
        foreach (var segment in path[2..].Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            var property = ApiJson.Options.GetTypeInfo(type).Properties.FirstOrDefault(p => p.Name == name);
            if (property is null)
            {
                return null;
            }
            type = property.PropertyType;
            for (var i = bracket; i >= 0; i = segment.IndexOf('[', i + 1))
            {
                type = ElementType(type);
                if (type is null)
                {
                    return null;
                }
            }
        }
        return type;
    }

    public static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "must be a string.";
        }
        return ElementType(type) is not null ? "must be an array." : Expected(type.FullName ?? type.Name);
    }

    private static Type? ElementType(Type type) => type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>What a value of the .NET type <paramref name="type"/> looks like in the contract's JSON.</summary>
    public static string Expected(string type)
    {
        var element = NullableOf().Match(type) is { Success: true } m ? m.Groups["inner"].Value : type;
        return element switch
        {
            _ when element.Contains("List`1", StringComparison.Ordinal) || element.EndsWith("[]", StringComparison.Ordinal)
                || element.Contains("Enumerable`1", StringComparison.Ordinal) => "must be an array.",
            "System.String" => "must be a string.",
            "System.Int32" or "System.Int64" => "must be a whole number.",
            "System.Boolean" => "must be true or false.",
            "System.Decimal" or "System.Double" => "must be a number.",
            _ when element.EndsWith(".AmountInput", StringComparison.Ordinal) =>
                "must be an object {\"currency\": \"EUR\", \"value\": \"125.00\"} (the value a decimal string).",
            _ when element.StartsWith("BankFunctions.", StringComparison.Ordinal) || element.StartsWith("System.Collections.Generic.IReadOnlyDictionary", StringComparison.Ordinal)
                => "must be an object.",
            _ => "has the wrong type for this field.",
        };
    }

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\.?$")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<inner>.+)\]$")]
    private static partial Regex NullableOf();
}
