namespace BankSim.Sim;

/// <summary>One transaction inside a booking (a batch booking has several).</summary>
public sealed record TxDetail(
    decimal Amount, string? EndToEndId, string? ClientReference, string? MsgId, string? PmtInfId,
    string CounterpartyName, string CounterpartyAccount, string? CounterpartyBank, string? Remittance, string? ReturnReason = null);

/// <summary>A booked ledger entry: signed amount (debit negative), the bank's own reference, and its details.</summary>
public sealed record Booking(string AcctSvcrRef, DateTimeOffset BookedAt, decimal Amount, IReadOnlyList<TxDetail> Details, bool IsReturn, string Bank)
{
    /// <summary>The bank's business day of the booking (its own time zone, see <see cref="BankDays"/>).</summary>
    public DateOnly BookingDate => BankDays.Day(Bank, BookedAt);
}

public sealed class SimAccount(string bank, string number, string currency, string name, decimal openingBalance)
{
    public string Bank { get; } = bank;
    public string Number { get; } = number;
    public string Currency { get; } = currency;
    public string Name { get; } = name;
    public decimal OpeningBalance { get; } = openingBalance;
    public List<Booking> Bookings { get; } = [];
    public decimal Balance => OpeningBalance + Bookings.Sum(b => b.Amount);

    /// <summary>Balance at the start of <paramref name="day"/> (UTC): opening plus everything booked before it.</summary>
    public decimal BalanceBefore(DateOnly day) => OpeningBalance + Bookings.Where(b => b.BookingDate < day).Sum(b => b.Amount);
}

/// <summary>How often the bank executed each customer reference — what exactly-once tests read (GET /_sim/ledger).</summary>
public sealed class ExecutionRecord(string bank, string reference, string account, decimal amount, string currency)
{
    public string Bank { get; } = bank;
    public string Reference { get; } = reference;
    public string Account { get; } = account;
    public decimal Amount { get; } = amount;
    public string Currency { get; } = currency;
    public int Executions { get; set; }
    public string Status { get; set; } = "received";
}

public enum ExecutionResult
{
    Executed,
    InsufficientFunds,
    UnknownDebtorAccount,
    CurrencyMismatch,
    AlreadyExecuted,
}

/// <summary>
/// The two banks' books. All mutation happens under one lock: the simulator's job is to be right, not fast, and
/// exactly-once tests rely on it never double-booking under concurrent calls.
/// </summary>
public sealed class Ledger(TimeProvider clock)
{
    private readonly Dictionary<(string Bank, string Account), SimAccount> _accounts = [];
    private readonly Dictionary<(string Bank, string Reference), ExecutionRecord> _executions = [];
    private long _sequence;

    public object Sync { get; } = new();

    public void Open(string bank, string number, string currency, string name, decimal balance)
    {
        lock (Sync)
        {
            _accounts.TryAdd((bank, number), new SimAccount(bank, number, currency, name, balance));
        }
    }

    public SimAccount? Find(string bank, string number)
    {
        lock (Sync)
        {
            return _accounts.GetValueOrDefault((bank, number));
        }
    }

    public ExecutionRecord Track(string bank, string reference, string account, decimal amount, string currency)
    {
        lock (Sync)
        {
            if (!_executions.TryGetValue((bank, reference), out var record))
            {
                record = new ExecutionRecord(bank, reference, account, amount, currency);
                _executions[(bank, reference)] = record;
            }
            return record;
        }
    }

    public ExecutionRecord? Execution(string bank, string reference)
    {
        lock (Sync)
        {
            return _executions.GetValueOrDefault((bank, reference));
        }
    }

    /// <summary>
    /// Executes one outgoing payment (or a batch booked as one entry): debits the debtor, credits a creditor that holds
    /// an account at the same bank, and counts the execution against each reference.
    /// </summary>
    public ExecutionResult Execute(string bank, string debtorAccount, string currency, IReadOnlyList<(string Reference, TxDetail Detail)> transactions, bool batchBooking)
    {
        lock (Sync)
        {
            if (!_accounts.TryGetValue((bank, debtorAccount), out var debtor))
            {
                return ExecutionResult.UnknownDebtorAccount;
            }
            if (debtor.Currency != currency)
            {
                return ExecutionResult.CurrencyMismatch;
            }
            if (transactions.Any(t => _executions.TryGetValue((bank, t.Reference), out var r) && r.Executions > 0))
            {
                return ExecutionResult.AlreadyExecuted;
            }
            var total = transactions.Sum(t => t.Detail.Amount);
            if (debtor.Balance < total)
            {
                return ExecutionResult.InsufficientFunds;
            }
            var now = clock.GetUtcNow();
            if (batchBooking)
            {
                debtor.Bookings.Add(new Booking(NextReference(bank), now, -total, transactions.Select(t => t.Detail).ToList(), false, bank));
            }
            else
            {
                foreach (var (_, detail) in transactions)
                {
                    debtor.Bookings.Add(new Booking(NextReference(bank), now, -detail.Amount, [detail], false, bank));
                }
            }
            foreach (var (reference, detail) in transactions)
            {
                var record = Track(bank, reference, debtorAccount, detail.Amount, currency);
                record.Executions++;
                record.Status = "executed";
                if (_accounts.TryGetValue((bank, detail.CounterpartyAccount), out var creditor) && creditor.Currency == currency)
                {
                    creditor.Bookings.Add(new Booking(NextReference(bank), now, detail.Amount,
                        [detail with { CounterpartyName = debtor.Name, CounterpartyAccount = debtor.Number }], false, bank));
                }
            }
            return ExecutionResult.Executed;
        }
    }

    /// <summary>
    /// Money from outside the bank arrives (a customer pays an invoice): the account is credited with one booking
    /// carrying the payer and the remittance exactly as given. Null when the account is unknown.
    /// </summary>
    public Booking? BookIncoming(string bank, string account, decimal amount, string? endToEndId, string counterpartyName,
        string counterpartyAccount, string? counterpartyBank, string? remittance)
    {
        lock (Sync)
        {
            if (!_accounts.TryGetValue((bank, account), out var creditor))
            {
                return null;
            }
            var booking = new Booking(NextReference(bank), clock.GetUtcNow(), amount,
                [new TxDetail(amount, endToEndId, null, null, null, counterpartyName, counterpartyAccount, counterpartyBank, remittance)], false, bank);
            creditor.Bookings.Add(booking);
            return booking;
        }
    }

    /// <summary>A payment comes back (退票 / return): the debtor is credited with a return entry carrying the reason.</summary>
    public void Return(string bank, string reference, string reason)
    {
        lock (Sync)
        {
            if (!_executions.TryGetValue((bank, reference), out var record) || record.Status == "returned")
            {
                return;
            }
            var debtor = _accounts[(bank, record.Account)];
            var original = debtor.Bookings.SelectMany(b => b.Details).FirstOrDefault(d => d.EndToEndId == reference || d.ClientReference == reference);
            var detail = (original ?? new TxDetail(record.Amount, reference, reference, null, null, "", "", null, null)) with { ReturnReason = reason };
            debtor.Bookings.Add(new Booking(NextReference(bank), clock.GetUtcNow(), record.Amount, [detail], true, bank));
            record.Status = "returned";
        }
    }

    public IReadOnlyList<ExecutionRecord> Executions()
    {
        lock (Sync)
        {
            return _executions.Values.ToList();
        }
    }

    public void Reset()
    {
        lock (Sync)
        {
            _accounts.Clear();
            _executions.Clear();
        }
    }

    private string NextReference(string bank) => $"{(bank == "simbank-cmb" ? "CMB" : "ISO")}{clock.GetUtcNow():yyyyMMdd}{Interlocked.Increment(ref _sequence):D8}";
}
