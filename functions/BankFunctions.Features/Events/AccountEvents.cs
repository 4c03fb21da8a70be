using System.Text.Json.Nodes;
using BankFunctions.Features.Http;
using BankFunctions.Features.Statements;
using System.Text.Json;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Events;

/// <summary>
/// The events of an account's statement data (issue #14): a booking stored, the balance moved, a warning raised.
/// These changes live in the account's statement partition (Statements table, PK = tenant|account), not in the tenant
/// partition the feed is numbered in, so their events commit there, in a pending row of the same transaction as the
/// change, and <see cref="EventRelay"/> hands them on to the tenant's pending set. Pure.
/// </summary>
public static class AccountEvents
{
    public const string TransactionBooked = "transaction.booked";
    public const string BalanceUpdated = "balance.updated";
    public const string StatementWarning = "statement.warning";
    public const string ReceiptAvailable = "receipt.available";

    /// <summary>The account of a statement partition (tenant|account; tenant ids never hold '|').</summary>
    public static string AccountId(string statementPartition) => statementPartition[(statementPartition.IndexOf('|', StringComparison.Ordinal) + 1)..];

    /// <summary>The tenant of a statement partition.</summary>
    public static string TenantId(string statementPartition) => statementPartition[..statementPartition.IndexOf('|', StringComparison.Ordinal)];

    /// <summary>
    /// A booking as GET /v1/accounts/{id}/transactions returns it (with <c>matched</c> and <c>paymentIds</c>), preceded by
    /// its <c>accountId</c>, which the list has in its path and an event needs in its body.
    /// </summary>
    public static EventDraft Booked(StatementEntryRow row)
    {
        var data = new JsonObject { ["accountId"] = AccountId(row.PartitionKey) };
        // Parsed from the API's own text, so every value is written as the list writes it (same escaping, same formats).
        foreach (var (name, value) in JsonNode.Parse(JsonSerializer.Serialize(TransactionView.From(row), ApiJson.Options))!.AsObject().ToList())
        {
            data[name] = value?.DeepClone();
        }
        return new EventDraft(TransactionBooked, row.EntryKey, data);
    }

    /// <summary>The balances as GET /v1/accounts/{id}/balances returns them after the change.</summary>
    public static EventDraft Balance(BalancesView view) => new(BalanceUpdated, view.AccountId, view);

    /// <summary>What a <c>statement.warning</c> carries: the account, the statement and the warnings it raised.</summary>
    public sealed record WarningEventView(string AccountId, string? StatementId, IReadOnlyList<WarningView> Warnings);

    public static EventDraft Warning(StatementWarningRow row) => new(StatementWarning, AccountId(row.PartitionKey),
        new WarningEventView(AccountId(row.PartitionKey), row.StatementId, [new WarningView(row.Code, row.Message, row.StatementId, row.RaisedAt)]));

    /// <summary>What a <c>receipt.available</c> event carries: which entry (and the payments it booked), and the document's type, SHA-256 and size.</summary>
    public sealed record ReceiptEventView(
        string AccountId, string EntryId, string? BankReference, IReadOnlyList<string> PaymentIds, string ContentType, string Sha256, int Size);

    public static EventDraft Receipt(StatementEntryRow entry, Receipts.StoredReceipt stored, int size) => new(ReceiptAvailable, entry.EntryKey,
        new ReceiptEventView(AccountId(entry.PartitionKey), entry.EntryKey, entry.BankReference,
            entry.Amount.StartsWith('-') ? entry.PaymentIds?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [] : [],
            stored.ContentType, stored.Sha256, size));

    /// <summary>The pending row that commits <paramref name="drafts"/> beside a change in <paramref name="statementPartition"/>.</summary>
    public static PendingEventRow PendingRow(string statementPartition, IReadOnlyList<EventDraft> drafts, DateTimeOffset now) =>
        EventRows.PendingRowIn(statementPartition, drafts, now);
}
