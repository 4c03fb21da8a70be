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

    public static string Serialize(ParseResult result) =>
        JsonSerializer.Serialize(new { statements = result.Statements, warnings = result.Warnings }, Options);

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
