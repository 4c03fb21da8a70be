using Azure.Data.Tables;
using BankFunctions.Domain.Payments;
using BankFunctions.Features.Approvals;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Profiles;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Payments;

/// <summary>
/// What POST /v1/payments decides, as data (STYLE: input → validation → Decide): field errors, or the rows the
/// submission writes and the sign message it enqueues after they commit. Pure: the handler reads the debtor account,
/// profile and approval rules first and writes what comes back (<see cref="SubmitPayment"/>).
/// </summary>
public abstract record SubmitPaymentDecision
{
    /// <summary>Refused field by field (400); nothing is written.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : SubmitPaymentDecision;

    /// <param name="Payment">The payment row, in its first status (approved when the tenant's rules ask for no approval).</param>
    /// <param name="View">The response body, also the audit entry's "after".</param>
    /// <param name="Rows">Rows added beside it in the same transaction: its list entry, and when approved its outbox row and ready marker.</param>
    /// <param name="SignMessage">The payments-sign message to send once committed; null while approvals are pending.</param>
    public sealed record Accepted(PaymentRow Payment, PaymentView View, IReadOnlyList<ITableEntity> Rows, string? SignMessage) : SubmitPaymentDecision;

    public static SubmitPaymentDecision Decide(PaymentInput input, AccountRow? debtor, BankProfile? bank, IReadOnlyList<ApprovalRule> rules,
        Caller caller, string paymentId, DateTimeOffset now)
    {
        var v = new Validation();
        var valid = PaymentRules.Validate(input, debtor, bank, now, v);
        if (!v.IsValid)
        {
            return new Invalid(v.Errors);
        }
        var tenantId = caller.RequireTenant();
        var required = ApprovalPolicy.Required(rules, valid.Currency.Code, valid.Amount);
        var status = PaymentStateMachine.Initial(required);
        var row = PaymentRows.New(tenantId, paymentId, valid, status, required, caller, now);
        var view = PaymentView.From(row) with { Warnings = valid.Warnings.Count > 0 ? valid.Warnings : null };
        if (status != PaymentStatus.Approved)
        {
            return new Accepted(row, view, [ListEntries.For(row)], null);
        }
        var message = new SignMessage(tenantId, paymentId, null).ToJson();
        return new Accepted(row, view, [ListEntries.For(row), PaymentRows.Outbox(tenantId, paymentId, QueueNames.PaymentsSign, message, now), PaymentRows.Ready(row)], message);
    }
}
