using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BankFunctions.Formats.Statements;

/// <summary>
/// The JSON form of statement data (API.md "Statement data (normalised)"): camelCase, money as decimal strings
/// written exactly as parsed, never as JSON numbers; absent values omitted.
/// </summary>
public static class StatementJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(ParseResult result) => JsonSerializer.Serialize(Document(result), Options);

    /// <summary>
    /// Parses <paramref name="input"/> and writes the same document as <see cref="Serialize"/> to <paramref name="output"/>
    /// while it reads: each entry as it is read, no entry kept (see <see cref="StatementJsonWriter"/>); of
    /// <paramref name="options"/> only what is not about handing out entries and statements applies (e.g. Strict). On a
    /// <see cref="StatementFormatException"/> what was written so far is an incomplete document.
    /// </summary>
    public static ParseResult ParseAndWrite(Stream input, string? fileName, Stream output, StatementParseOptions? options = null)
    {
        using var writer = new StatementJsonWriter(output);
        var result = StatementParser.Parse(input, fileName, writer.Streaming(options ?? StatementParseOptions.Default));
        writer.WriteEnd(result);
        return result;
    }

    /// <summary>The document's shape, one place for <see cref="Serialize"/> and <see cref="StatementJsonWriter"/>.</summary>
    internal static object Document(ParseResult result) => new { statements = result.Statements, warnings = result.Warnings };

    /// <summary>The JSON name of a property of the model (camelCase).</summary>
    internal static string PropertyName(string name) => Options.PropertyNamingPolicy!.ConvertName(name);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new DecimalAsStringConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class DecimalAsStringConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            decimal.Parse(reader.GetString() ?? throw new JsonException("amount must be a string"), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }
}
