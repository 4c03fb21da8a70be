using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace BankFunctions.Formats.Statements;

/// <summary>
/// Writes the <see cref="StatementJson"/> document to a stream while the parser reads the file, so that memory does not
/// grow with the file: each entry is written as it is handed out (<see cref="StatementParseOptions.OnEntry"/>) and
/// then dropped. What a statement only knows at its end (closing balance, warnings, the currency derived from its
/// balances…) is written after its entries array, and the file-level warnings after the statements array: JSON
/// objects are unordered, so the document is the same as <see cref="StatementJson.Serialize"/> writes, property order aside.
/// </summary>
internal sealed class StatementJsonWriter : IDisposable
{
    // Big enough that the output is written in few system calls, small enough to stay out of the large object heap.
    private const int FlushThreshold = 64 * 1024;

    private static readonly JsonEncodedText StatementsName = JsonEncodedText.Encode("statements");
    private static readonly JsonEncodedText EntriesName = JsonEncodedText.Encode(StatementJson.PropertyName(nameof(Statement.Entries)));
    private static readonly JsonTypeInfo<StatementEntry> EntryType = (JsonTypeInfo<StatementEntry>)StatementJson.Options.GetTypeInfo(typeof(StatementEntry));
    private static readonly JsonTypeInfo<Statement> StatementType = (JsonTypeInfo<Statement>)StatementJson.Options.GetTypeInfo(typeof(Statement));

    private readonly Utf8JsonWriter _writer;
    private bool _documentStarted;
    private bool _statementStarted;

    public StatementJsonWriter(Stream output)
    {
        // The writer's own options decide indentation and escaping (the serializer's are ignored when it writes to a
        // Utf8JsonWriter), so they are taken over from StatementJson.Options to write the same text.
        _writer = new Utf8JsonWriter(output, new JsonWriterOptions
        {
            Indented = StatementJson.Options.WriteIndented,
            Encoder = StatementJson.Options.Encoder,
        });
        ParseOptions = Streaming(StatementParseOptions.Default);
    }

    /// <summary>The options to parse with: entries and statements are not retained but written.</summary>
    public StatementParseOptions ParseOptions { get; }

    /// <summary><paramref name="options"/> (e.g. strict or lenient) with entries and statements written instead of retained.</summary>
    public StatementParseOptions Streaming(StatementParseOptions options) =>
        options with { RetainEntries = false, RetainStatements = false, OnEntry = WriteEntry, OnStatement = WriteStatementEnd };

    /// <summary>Closes the document with the file-level properties of <paramref name="result"/> and flushes it.</summary>
    public void WriteEnd(ParseResult result)
    {
        StartDocument();
        _writer.WriteEndArray();
        WritePropertiesExcept(JsonSerializer.SerializeToElement(StatementJson.Document(result with { Statements = [] }), StatementJson.Options), StatementsName);
        _writer.WriteEndObject();
        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();

    private void WriteEntry(StatementEntry entry)
    {
        StartStatement();
        JsonSerializer.Serialize(_writer, entry, EntryType);
        FlushIfFull();
    }

    private void WriteStatementEnd(Statement statement)
    {
        StartStatement();
        _writer.WriteEndArray();
        // Serialising the statement itself (its entries list is empty) keeps every other property, and any added to
        // the model later, exactly as StatementJson.Serialize writes it.
        WritePropertiesExcept(JsonSerializer.SerializeToElement(statement, StatementType), EntriesName);
        _writer.WriteEndObject();
        _statementStarted = false;
        FlushIfFull();
    }

    private void StartDocument()
    {
        if (_documentStarted)
        {
            return;
        }
        _documentStarted = true;
        _writer.WriteStartObject();
        _writer.WriteStartArray(StatementsName);
    }

    private void StartStatement()
    {
        if (_statementStarted)
        {
            return;
        }
        StartDocument();
        _statementStarted = true;
        _writer.WriteStartObject();
        _writer.WriteStartArray(EntriesName);
    }

    private void WritePropertiesExcept(JsonElement element, JsonEncodedText excluded)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!property.NameEquals(excluded.EncodedUtf8Bytes))
            {
                property.WriteTo(_writer);
            }
        }
    }

    private void FlushIfFull()
    {
        if (_writer.BytesPending >= FlushThreshold)
        {
            _writer.Flush();
        }
    }
}
