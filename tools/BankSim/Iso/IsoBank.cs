using System.Collections.Concurrent;
using BankSim.Sim;

namespace BankSim.Iso;

/// <summary>
/// The ISO 20022 bank (BANKS.md §A): receives signed pain.001 files, refuses a reused MsgId, and advances each file
/// through its statuses on the configured delays, executing against the ledger exactly once.
/// </summary>
public sealed class IsoBank(Ledger ledger, Customers customers, SimOptions options, Faults faults, TimeProvider clock)
{
    public const string Name = "simbank-iso";

    private readonly ConcurrentDictionary<string, IsoFile> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Customer, string MsgId), string> _msgIds = [];
    private long _sequence;

    public sealed record ReceiveResult(int Status, string? FileId, string? Error);

    public ReceiveResult Receive(string customerId, Pain001Document document)
    {
        lock (ledger.Sync)
        {
            if (_msgIds.TryGetValue((customerId, document.MsgId), out var existing))
            {
                return new ReceiveResult(409, existing, "MsgId already received");
            }
            var fileId = $"F{clock.GetUtcNow():yyyyMMdd}{Interlocked.Increment(ref _sequence):D6}";
            var file = new IsoFile(fileId, customerId, clock.GetUtcNow(), document);
            var count = file.Transactions.Count;
            var sum = file.Transactions.Sum(t => t.Tx.Amount);
            if (document.NbOfTxs != count || document.PaymentInfos.Any(p => p.NbOfTxs is { } n && n != p.Transactions.Count))
            {
                file.GroupRejection = "AM18";
            }
            else if ((document.CtrlSum is { } c && c != sum) || document.PaymentInfos.Any(p => p.CtrlSum is { } s && s != p.Transactions.Sum(t => t.Amount)))
            {
                file.GroupRejection = "AM10";
            }
            foreach (var tx in file.Transactions)
            {
                var info = document.PaymentInfos.First(p => p.PmtInfId == tx.PmtInfId);
                ledger.Track(Name, tx.Tx.EndToEndId, info.DebtorAccount, tx.Tx.Amount, tx.Tx.Currency);
                if (file.GroupRejection is not null)
                {
                    Reject(tx, file.GroupRejection);
                }
                else if (!customers.Owns(customerId, info.DebtorAccount))
                {
                    Reject(tx, "AC01");
                }
            }
            _msgIds[(customerId, document.MsgId)] = fileId;
            _files[fileId] = file;
            return new ReceiveResult(202, fileId, null);
        }
    }

    public IsoFile? File(string fileId)
    {
        var file = _files.GetValueOrDefault(fileId);
        if (file is not null)
        {
            Advance(file);
        }
        return file;
    }

    public IsoFile? FindByReference(string customerId, string? msgId, string? endToEndId)
    {
        var file = _files.Values.Where(f => f.CustomerId == customerId)
            .FirstOrDefault(f => (msgId is not null && f.Document.MsgId == msgId) || (endToEndId is not null && f.Transactions.Any(t => t.Tx.EndToEndId == endToEndId)));
        if (file is not null)
        {
            Advance(file);
        }
        return file;
    }

    public void AdvanceAll()
    {
        foreach (var file in _files.Values)
        {
            Advance(file);
        }
    }

    public void Reset()
    {
        lock (ledger.Sync)
        {
            _files.Clear();
            _msgIds.Clear();
        }
    }

    /// <summary>Moves a file's transactions along by the time elapsed since it arrived. Idempotent; executes once.</summary>
    private void Advance(IsoFile file)
    {
        lock (ledger.Sync)
        {
            var elapsed = clock.GetUtcNow() - file.ReceivedAt;
            if (elapsed >= options.AcceptAfter)
            {
                foreach (var tx in file.Transactions.Where(t => t.Status == "RCVD"))
                {
                    tx.Status = "ACTC";
                }
            }
            if (elapsed >= options.ExecuteAfter && !file.Executed)
            {
                file.Executed = true;
                foreach (var info in file.Document.PaymentInfos)
                {
                    var open = file.Transactions.Where(t => t.PmtInfId == info.PmtInfId && t.Status == "ACTC").ToList();
                    if (info.BatchBooking && open.Count > 1 && open.All(t => t.Tx.Currency == open[0].Tx.Currency))
                    {
                        Execute(file, info, open, batch: true);
                    }
                    else
                    {
                        foreach (var tx in open)
                        {
                            Execute(file, info, [tx], batch: false);
                        }
                    }
                }
            }
            if (elapsed >= options.SettleAfter)
            {
                foreach (var tx in file.Transactions.Where(t => t.Status == "ACSP"))
                {
                    tx.Status = "ACSC";
                    if (faults.Draw(Name, "/iso/v1/payment-files", "bounce") is not null)
                    {
                        tx.ReturnAt = clock.GetUtcNow() + options.BounceAfter;
                    }
                }
            }
            foreach (var tx in file.Transactions.Where(t => t.ReturnAt is { } at && at <= clock.GetUtcNow()))
            {
                tx.ReturnAt = null;
                ledger.Return(Name, tx.Tx.EndToEndId, "AC04");
            }
        }
    }

    private void Execute(IsoFile file, Pain001PaymentInfo info, List<IsoTransaction> txs, bool batch)
    {
        var currency = txs[0].Tx.Currency;
        var details = txs.Select(t => (t.Tx.EndToEndId, new TxDetail(t.Tx.Amount, t.Tx.EndToEndId, null, file.Document.MsgId, info.PmtInfId,
            t.Tx.CreditorName, t.Tx.CreditorAccount, t.Tx.CreditorBic, t.Tx.Remittance))).ToList();
        var result = ledger.Execute(Name, info.DebtorAccount, currency, details, batch);
        foreach (var tx in txs)
        {
            switch (result)
            {
                case ExecutionResult.Executed:
                    tx.Status = "ACSP";
                    break;
                case ExecutionResult.InsufficientFunds:
                    Reject(tx, "AM04");
                    break;
                case ExecutionResult.UnknownDebtorAccount:
                    Reject(tx, "AC01");
                    break;
                case ExecutionResult.CurrencyMismatch:
                    Reject(tx, "AM03");
                    break;
                case ExecutionResult.AlreadyExecuted:
                    Reject(tx, "DUPL");
                    break;
            }
        }
    }

    private void Reject(IsoTransaction tx, string reason)
    {
        tx.Status = "RJCT";
        tx.Reason = reason;
        var record = ledger.Execution(Name, tx.Tx.EndToEndId);
        if (record is not null && record.Executions == 0)
        {
            record.Status = "rejected";
        }
    }
}
