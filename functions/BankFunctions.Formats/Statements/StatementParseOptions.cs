namespace BankFunctions.Formats.Statements;

/// <summary>
/// How entries are handed out. By default every entry is kept in its <see cref="Statement"/>. For very large files a
/// caller can take each entry as it is read (<see cref="OnEntry"/>) and set <see cref="RetainEntries"/> to false, so that
/// memory does not grow with the file; balances, counts and the balance check work the same either way.
/// </summary>
public sealed record StatementParseOptions
{
    public static StatementParseOptions Default { get; } = new();

    public bool RetainEntries { get; init; } = true;

    public Action<StatementEntry>? OnEntry { get; init; }

    /// <summary>
    /// Like <see cref="OnEntry"/>, with the 0-based index of the entry's statement in the file (its place in
    /// <see cref="ParseResult.Statements"/>), so that a caller can route each statement's entries (to its account)
    /// while they stream, knowing from a first pass which statement is which.
    /// </summary>
    public Action<int, StatementEntry>? OnStatementEntry { get; init; }

    /// <summary>
    /// Refuse the deviations that lenient parsing (the default for imports and pulls) reads with a warning; see
    /// docs/statement-warnings.md for which warnings are such tolerated deviations.
    /// </summary>
    public bool Strict { get; init; }
}

/// <summary>Counts and sums the entries of one statement as they are read, and keeps them if asked to.</summary>
internal sealed class EntryCollector
{
    private readonly StatementParseOptions _options;
    private readonly int _statementIndex;
    private readonly List<StatementEntry> _entries = [];

    public EntryCollector(StatementParseOptions options, int statementIndex)
    {
        _options = options;
        _statementIndex = statementIndex;
    }

    public IReadOnlyList<StatementEntry> Entries => _entries;
    public int Count { get; private set; }
    public decimal BookedSum { get; private set; }
    public int DebitCount { get; private set; }
    public decimal DebitSum { get; private set; }
    public int CreditCount { get; private set; }
    public decimal CreditSum { get; private set; }
    public string? FirstCurrency { get; private set; }

    public void Add(StatementEntry entry)
    {
        Count++;
        FirstCurrency ??= entry.Currency;
        if (entry.Status == EntryStatus.Booked)
        {
            BookedSum += entry.Amount;
        }
        if (entry.Amount < 0)
        {
            DebitCount++;
            DebitSum -= entry.Amount;
        }
        else
        {
            CreditCount++;
            CreditSum += entry.Amount;
        }
        if (_options.RetainEntries)
        {
            _entries.Add(entry);
        }
        _options.OnEntry?.Invoke(entry);
        _options.OnStatementEntry?.Invoke(_statementIndex, entry);
    }
}
