using BankFunctions.Domain;

namespace BankFunctions.Features.Approvals;

/// <summary>
/// A tenant's approval workflow (issue #15): ordered levels, each asking for <see cref="WorkflowLevel.Approvals"/>
/// approvals from members of its groups (none: any approver) when its conditions hold for the payment or batch.
/// Levels are approved in order; a payment that no level applies to needs one approval by any approver (the
/// default of the old rules).
/// </summary>
public sealed record ApprovalWorkflow(IReadOnlyList<WorkflowLevel> Levels)
{
    public static readonly ApprovalWorkflow Default = new([]);
}

/// <param name="Name">Shown on the payment and in the pending list ("AP managers", "CFO office above 100,000 EUR").</param>
/// <param name="Approvals">How many different people must approve at this level; 0: the level applies but asks for nothing (old rules' "approvals": 0).</param>
/// <param name="Groups">Approval groups whose members may approve at this level; empty: any key with the approver role.</param>
/// <param name="Conditions">When the level applies; null: always.</param>
public sealed record WorkflowLevel(string Name, int Approvals, IReadOnlyList<string> Groups, LevelConditions? Conditions = null);

/// <summary>All set conditions must hold (an unset one holds always).</summary>
/// <param name="Currency">ISO 4217; amounts are compared only within this currency, so minAmount/belowAmount need it.</param>
/// <param name="MinAmount">Applies from this amount on (decimal string, the currency's minor units).</param>
/// <param name="BelowAmount">Applies only below this amount (exclusive): lets the old rules' thresholds be ranges.</param>
/// <param name="DebtorAccountIds">Applies only to payments from these accounts.</param>
/// <param name="Kinds">Applies only to these kinds: single, batch, payroll.</param>
/// <param name="FirstPaymentToNewAccount">true: only the first payment to a new or changed counterparty account; false: only others.</param>
public sealed record LevelConditions(string? Currency = null, string? MinAmount = null, string? BelowAmount = null,
    IReadOnlyList<string>? DebtorAccountIds = null, IReadOnlyList<string>? Kinds = null, bool? FirstPaymentToNewAccount = null);

/// <summary>What the workflow's conditions look at, for one payment or batch.</summary>
/// <param name="Amount">A single payment's amount; a batch's total.</param>
/// <param name="Kind">One of <see cref="PaymentKinds"/>.</param>
public sealed record PaymentFacts(Money Amount, string DebtorAccountId, string Kind, bool FirstPaymentToNewAccount);

/// <summary>The kinds a level's conditions can name.</summary>
public static class PaymentKinds
{
    public const string Single = "single";
    public const string Batch = "batch";
    public const string Payroll = "payroll";

    public static readonly IReadOnlyList<string> All = [Single, Batch, Payroll];

    /// <summary>A batch header's kind ("payments" or "payroll") as the conditions name it.</summary>
    public static string OfBatch(string batchKind) => batchKind == "payroll" ? Payroll : Batch;
}
