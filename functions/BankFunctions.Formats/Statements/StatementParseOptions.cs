namespace BankFunctions.Formats.Statements;

/// <summary>
/// How entries are handed out. By default every entry is kept in its <see cref="Statement"/>. For very large files a
/// caller can take each entry as it is read (<see cref="OnEntry"/>) and set <see cref="RetainEntries"/> to false, so that
/// memory does not grow with the file; balances, counts and the balance check work the same either way.
/// <see cref="OnStatement"/> follows the entries of each statement, so that a caller can write a statement out
/// (e.g. <see cref="StatementJson.ParseAndWrite"/>) without keeping its entries, or the statement itself
/// (<see cref="RetainStatements"/> false).
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

    /// <summary>
    /// With false, <see cref="ParseResult.Statements"/> is empty: each statement is only handed to
    /// <see cref="OnStatement"/>, so that memory does not grow with the number of statements in a file either.
    /// </summary>
    public bool RetainStatements { get; init; } = true;

    /// <summary>
    /// Called once per statement, in file order, when it has been read completely: after <see cref="OnEntry"/> for its
    /// last entry and before the first entry of the next statement. The statement is final (its closing balance and
    /// warnings included); nothing about it may change after this call, because a streaming writer has written it.
    /// </summary>
    public Action<Statement>? OnStatement { get; init; }

    /// <summary>
    /// The same options with each hand-out (an entry or a statement, in the order they happen) first passed to
    /// <paramref name="deliver"/>, which says whether to hand it out; for a reader that may read its input twice.
    /// </summary>
    internal StatementParseOptions Filtered(Func<bool> deliver)
    {
        var onEntry = OnEntry;
        var onStatementEntry = OnStatementEntry;
        var onStatement = OnStatement;
        return this with
        {
            // One callback per entry, so that deliver() counts each entry once.
            OnEntry = null,
            OnStatementEntry = (index, entry) =>
            {
                if (deliver())
                {
                    onEntry?.Invoke(entry);
                    onStatementEntry?.Invoke(index, entry);
                }
            },
            OnStatement = statement =>
            {
                if (deliver()) onStatement?.Invoke(statement);
            },
        };
    }
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
