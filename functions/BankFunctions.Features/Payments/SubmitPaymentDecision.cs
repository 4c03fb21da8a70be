using Azure.Data.Tables;
using BankFunctions.Domain.Payments;
using BankFunctions.Features.Approvals;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Counterparties;
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
    /// <param name="MarkedCounterparty">
    /// The first payment to a counterparty account: the counterparty with this payment noted on the account, to replace
    /// its row (ETag-guarded) in the same transaction, so that only one payment is ever the first.
    /// </param>
    public sealed record Accepted(PaymentRow Payment, PaymentView View, IReadOnlyList<ITableEntity> Rows, string? SignMessage,
        CounterpartyView? MarkedCounterparty = null) : SubmitPaymentDecision;

    public static SubmitPaymentDecision Decide(PaymentInput input, AccountRow? debtor, BankProfile? bank, IReadOnlyList<ApprovalRule> rules,
        Caller caller, string paymentId, DateTimeOffset now) =>
        Decide(input, debtor, bank, new ApprovalSettings(rules, ApprovalSettings.DefaultAccountChangeApprovals, 0), null, caller, paymentId, now);

    /// <param name="counterparty">The counterparty the input names by <c>counterpartyId</c> (null: none, or not this tenant's).</param>
    public static SubmitPaymentDecision Decide(PaymentInput input, AccountRow? debtor, BankProfile? bank, ApprovalSettings settings,
        CounterpartyView? counterparty, Caller caller, string paymentId, DateTimeOffset now)
    {
        var v = new Validation();
        var payee = CounterpartyPayee.Resolve(input, counterparty, settings.FirstPaymentToNewAccountExtraApprovals, paymentId);
        var resolved = payee as CounterpartyPayee.Resolved;
        var valid = PaymentRules.Validate(resolved?.Input ?? input, debtor, bank, now, v);
        if (payee is CounterpartyPayee.Invalid invalidPayee)
        {
            foreach (var (field, messages) in invalidPayee.Errors)
            {
                foreach (var text in messages)
                {
                    v.Add(field, text);
                }
            }
        }
        if (!v.IsValid)
        {
            return new Invalid(v.Errors);
        }
        var tenantId = caller.RequireTenant();
        var extra = resolved?.ExtraApprovals ?? 0;
        // The workflow's levels are snapshotted onto the payment: a later change of the workflow never lowers them (issue #15).
        var levels = WorkflowRequirement.Evaluate(settings.Workflow,
            new PaymentFacts(Domain.Money.Of(valid.Amount, valid.Currency.Code), valid.Debtor.AccountId, PaymentKinds.Single, resolved?.FirstPayment ?? false), extra);
        var required = ApprovalLevelRules.TotalRequired(levels);
        var status = PaymentStateMachine.Initial(required);
        var row = PaymentRows.New(tenantId, paymentId, valid, status, required, caller, now);
        PaymentApprovals.Store(row, levels);
        if (resolved is not null)
        {
            row.CounterpartyId = resolved.Counterparty.Id;
            row.CounterpartyAccountId = resolved.Account.Id;
            row.FirstPaymentToAccount = resolved.FirstPayment;
            row.FirstPaymentExtraApprovals = extra;
        }
        var view = PaymentView.From(row) with { Warnings = valid.Warnings.Count > 0 ? valid.Warnings : null };
        if (status != PaymentStatus.Approved)
        {
            return new Accepted(row, view, [ListEntries.For(row)], null, resolved?.Marked);
        }
        var message = new SignMessage(tenantId, paymentId, null).ToJson();
        return new Accepted(row, view, [ListEntries.For(row), PaymentRows.Outbox(tenantId, paymentId, QueueNames.PaymentsSign, message, now), PaymentRows.Ready(row)], message,
            resolved?.Marked);
    }
}
