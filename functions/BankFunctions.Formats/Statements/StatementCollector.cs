namespace BankFunctions.Formats.Statements;

/// <summary>
/// The statements of one file as each is finished: handed to <see cref="StatementParseOptions.OnStatement"/>, counted,
/// and kept unless the caller takes them one by one (<see cref="StatementParseOptions.RetainStatements"/> false), so
/// that a file of very many small statements does not grow memory either.
/// </summary>
internal sealed class StatementCollector
{
    private readonly StatementParseOptions _options;
    private readonly List<Statement> _statements = [];
    private readonly HashSet<string> _kinds = new(StringComparer.Ordinal);

    public StatementCollector(StatementParseOptions options) => _options = options;

    /// <summary>How many statements were finished, kept or not.</summary>
    public int Count { get; private set; }

    public IReadOnlyList<Statement> Statements => _statements;

    public bool HasKind(string kind) => _kinds.Contains(kind);

    public void Add(Statement statement)
    {
        Count++;
        _kinds.Add(statement.Kind);
        if (_options.RetainStatements)
        {
            _statements.Add(statement);
        }
        _options.OnStatement?.Invoke(statement);
    }
}
