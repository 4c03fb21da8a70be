using BankFunctions.Features.Approvals;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Payments;

/// <summary>
/// How many approvals a single payment needs: its rule's approvals plus the extra approvals of a first payment to a
/// new or changed counterparty account. One function for submission and the sign stage's re-check, so the two never
/// count differently (a first payment approved with its extra approval must not be sent back to pending_approval,
/// nor one short of it be sent). Pure.
/// </summary>
public static class PaymentApprovals
{
    public static int Required(IReadOnlyList<ApprovalRule> rules, string currency, decimal amount, int firstPaymentExtra) =>
        ApprovalPolicy.Required(rules, currency, amount) + Math.Max(0, firstPaymentExtra);

    /// <summary>For a stored payment under the current <paramref name="rules"/>.</summary>
    public static int Required(IReadOnlyList<ApprovalRule> rules, PaymentRow payment) =>
        ApprovalPolicy.Required(rules, Domain.Money.Parse(payment.Amount, payment.Currency)) + Math.Max(0, payment.FirstPaymentExtraApprovals);
}
