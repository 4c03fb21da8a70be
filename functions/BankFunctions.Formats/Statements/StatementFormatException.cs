namespace BankFunctions.Formats.Statements;

/// <summary>
/// The one exception the statement parsers throw: the input is not a readable statement. The message names the file,
/// the place (line number or XPath) and what was expected there.
/// </summary>
public sealed class StatementFormatException : Exception
{
    public StatementFormatException(string message) : base(message) { }

    public StatementFormatException(string message, Exception inner) : base(message, inner) { }

    public StatementFormatException() { }

    public static StatementFormatException At(string? file, string location, string what) =>
        new($"{file ?? "<input>"}: {location}: {what}");
}
