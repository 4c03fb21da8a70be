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
    /// <summary>The day asked for (yyyy-MM-dd); every item carries it too.</summary>
    public string RequestedExecutionDate { get; init; } = "";
    /// <summary>The day the bank executes the batch's file: the requested day moved past the bank's weekend, holidays and cut-off.</summary>
    public string ExecutionDate { get; init; } = "";
    public IReadOnlyDictionary<string, int>? Counts { get; init; }
    public IReadOnlyList<PaymentView>? Items { get; init; }
    public string? NextCursor { get; init; }
    /// <summary>On the creating response only: what was changed in the items to fit the bank (SEPA transliteration).</summary>
    public IReadOnlyList<string>? Warnings { get; init; }
    /// <summary>The approval levels the batch needs, as snapshotted at submission (issue #15), and who approved at each.</summary>
    public IReadOnlyList<Approvals.RequiredLevel> ApprovalLevels { get; init; } = [];

    public static BatchView From(BatchRow row) => new(
        row.BatchId, row.Kind, row.Status, row.DebtorAccountId, new MoneyView(row.Currency, row.TotalAmount), row.ItemCount, row.Complete,
        row.ApprovalsRequired, ApprovalList.Parse(row.Approvals), Payments.StatusHistory.Read(row.StatusHistory), row.CreatedAt, row.UpdatedAt)
    {
        RequestedExecutionDate = row.RequestedExecutionDate,
        ExecutionDate = PaymentRows.ExecutionDate(row),
        ApprovalLevels = PaymentApprovals.Snapshot(row),
    };
}
