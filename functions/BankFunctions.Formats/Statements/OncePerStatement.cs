namespace BankFunctions.Formats.Statements;

/// <summary>
/// Tolerated deviations that a bank repeats on every entry (a day statement without any Ntry/Sts, every :61: without a
/// transaction type) are named once per statement, at their first place, rather than once per entry: the warning says
/// what the file does, and the statement's warnings stay readable (and are stored once) for a file of 100,000 entries.
/// </summary>
internal sealed class OncePerStatement(List<StatementWarning> warnings, StatementParseOptions options)
{
    private HashSet<string>? _named;

    /// <summary><see cref="StatementWarningList.Tolerate"/> the first time <paramref name="code"/> occurs in the statement.</summary>
    public void Tolerate(string code, string message)
    {
        StatementWarningList.RefuseWhenStrict(options, code, message);
        if ((_named ??= new HashSet<string>(StringComparer.Ordinal)).Add(code))
        {
            warnings.Add(code, message + " (named once per statement)");
        }
    }
}
