using System.Text.Json;
using BankFunctions.Formats.Statements;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Statements;

public sealed record CounterpartyView(string? Name, string? Account, string? Bank);

/// <summary>
/// One stored entry as GET /v1/accounts/{id}/transactions shows it: the normalised entry of API.md "Statement data"
/// (signed amount string, debit negative) plus its id, currency, the payments it settled and where it came from.
/// </summary>
public sealed record TransactionView(
    string Id, string Amount, string Currency, string? BookingDate, string? ValueDate, string Status,
    string? BankReference, string? EndToEndId, string? CustomerReference, string? Uetr, CounterpartyView? Counterparty,
    string? RemittanceInformation, string? BankTransactionCode, bool IsReversal, string? ReturnReason,
    IReadOnlyList<EntryDetailView>? Details, IReadOnlyList<string> PaymentIds, bool Matched, string Source, DateTimeOffset StoredAt)
{
    public static TransactionView From(StatementEntryRow row) => new(
        row.EntryKey, row.Amount, row.Currency, row.BookingDate, row.ValueDate, row.Status, row.BankReference, row.EndToEndId,
        row.CustomerReference, row.Uetr,
        row.CounterpartyName is null && row.CounterpartyAccount is null && row.CounterpartyBank is null ? null
            : new CounterpartyView(row.CounterpartyName, row.CounterpartyAccount, row.CounterpartyBank),
        row.RemittanceInformation, row.BankTransactionCode, row.IsReversal, row.ReturnReason,
        row.Details is null ? null : JsonSerializer.Deserialize<List<EntryDetail>>(row.Details, StatementJson.Options)?.Select(EntryDetailView.From).ToList(),
        row.PaymentIds?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [], row.Matched, row.SourceKind, row.StoredAt);
}

/// <summary>One transaction of a batch booking (camt TxDtls); its amount a decimal string like every amount (API.md).</summary>
public sealed record EntryDetailView(
    string? Amount, string? Currency, string? BankReference, string? EndToEndId, string? Uetr, string? CustomerReference,
    CounterpartyView? Counterparty, string? RemittanceInformation, string? BankTransactionCode, string? ReturnInfo)
{
    public static EntryDetailView From(EntryDetail d) => new(
        d.Amount?.ToString(System.Globalization.CultureInfo.InvariantCulture), d.Currency, d.BankReference, d.EndToEndId, d.Uetr, d.CustomerReference,
        d.Counterparty is null ? null : new CounterpartyView(d.Counterparty.Name, d.Counterparty.Account, d.Counterparty.Bank),
        d.RemittanceInformation, d.BankTransactionCode, d.ReturnInfo);
}

public sealed record BalanceView(string Value, string? Date, DateTimeOffset? AsOf, string? Source);

public sealed record FeedView(string Feed, string? Cursor, DateTimeOffset? LastSuccessAt, DateTimeOffset? LastAttemptAt, string? LastError);

/// <summary>GET /v1/accounts/{id}/balances: latest booked and available balance, each with as-of time and source, and the state of each feed.</summary>
public sealed record BalancesView(string AccountId, string Currency, BalanceView? Booked, BalanceView? Available, IReadOnlyList<FeedView> Feeds)
{
    public static BalancesView From(string accountId, string currency, AccountBalanceRow? row, IReadOnlyList<FeedView> feeds) => new(accountId, currency,
        row?.Booked is { } booked ? new BalanceView(booked, row.BookedDate, row.BookedAsOf, row.BookedSource) : null,
        row?.Available is { } available ? new BalanceView(available, row.AvailableDate, row.AvailableAsOf, row.AvailableSource) : null,
        feeds);

    /// <summary>The state of each feed of the account's statement partition, as the balances view lists it.</summary>
    public static async Task<List<FeedView>> FeedsAsync(Azure.Data.Tables.TableClient statements, string partition, CancellationToken cancellationToken)
    {
        var feeds = new List<FeedView>();
        await foreach (var state in statements.QueryAsync<PullStateRow>(BankFunctions.Storage.TableKeys.PrefixFilter(partition, BankFunctions.Storage.TableKeys.PullStateRow("")), cancellationToken: cancellationToken))
        {
            feeds.Add(new FeedView(state.Feed, state.Cursor, state.LastSuccessAt, state.LastAttemptAt, state.LastError));
        }
        return feeds;
    }
}

public sealed record WarningView(string Code, string Message, string? StatementId, DateTimeOffset RaisedAt);
