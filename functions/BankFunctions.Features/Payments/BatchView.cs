using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Payments;

/// <summary>A batch as the API shows it: header, counts per status and (on GET) one page of items.</summary>
public sealed record BatchView(
    string Id,
    string Kind,
    string Status,
    string DebtorAccountId,
    MoneyView TotalAmount,
    int ItemCount,
    bool Complete,
    int ApprovalsRequired,
    IReadOnlyList<string> Approvals,
    IReadOnlyList<StatusChange> StatusHistory,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public IReadOnlyDictionary<string, int>? Counts { get; init; }
    public IReadOnlyList<PaymentView>? Items { get; init; }
    public string? NextCursor { get; init; }
    /// <summary>On the creating response only: what was changed in the items to fit the bank (SEPA transliteration).</summary>
    public IReadOnlyList<string>? Warnings { get; init; }

    public static BatchView From(BatchRow row) => new(
        row.BatchId, row.Kind, row.Status, row.DebtorAccountId, new MoneyView(row.Currency, row.TotalAmount), row.ItemCount, row.Complete,
        row.ApprovalsRequired, ApprovalList.Parse(row.Approvals), Payments.StatusHistory.Read(row.StatusHistory), row.CreatedAt, row.UpdatedAt);
}
