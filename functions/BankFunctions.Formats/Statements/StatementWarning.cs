namespace BankFunctions.Formats.Statements;

/// <summary>
/// Something a statement file got wrong that was read anyway: a code from <see cref="StatementWarningCodes"/> (the
/// catalogue in docs/statement-warnings.md) and a message naming the file, the place and what was assumed.
/// </summary>
public sealed record StatementWarning(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>How readers record warnings; a tolerated deviation refuses the file instead when parsing is strict.</summary>
internal static class StatementWarningList
{
    public static void Add(this List<StatementWarning> warnings, string code, string message) => warnings.Add(new StatementWarning(code, message));

    /// <summary>
    /// A deviation from the format that lenient parsing (the default) reads with a warning and strict parsing
    /// (<see cref="StatementParseOptions.Strict"/>) refuses with the same message.
    /// </summary>
    public static void Tolerate(this List<StatementWarning> warnings, StatementParseOptions options, string code, string message)
    {
        RefuseWhenStrict(options, code, message);
        warnings.Add(new StatementWarning(code, message));
    }

    /// <summary>
    /// The strict half of <see cref="Tolerate"/>, for a deviation whose lenient warning can only be written later
    /// (e.g. once the statement's arithmetic is known): strict parsing refuses it where it is found.
    /// </summary>
    public static void RefuseWhenStrict(StatementParseOptions options, string code, string message)
    {
        if (options.Strict)
        {
            throw new StatementFormatException($"{message} (refused in strict mode; lenient parsing reads it with warning {code})");
        }
    }
}
