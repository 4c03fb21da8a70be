using BankFunctions.Banks;
using BankFunctions.Domain.Payments;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Payments;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Tests.Payments;

/// <summary>
/// Resolving needs_attention (issue #17) as pure decisions: only a payment in needs_attention is touched; the bank's
/// final answer to a requery settles it, anything else is only logged; failed takes effect at once; completed needs a
/// second person who neither proposed it nor created the payment. No decision ever queues anything (never a resend).
/// </summary>
public sealed class AttentionDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly Caller AdminA = new(false, "t_acme", "key_a", Role.Admin);
    private static readonly Caller AdminB = new(false, "t_acme", "key_b", Role.Admin);
    private static readonly Caller Creator = new(false, "t_acme", "key_sub", Role.Admin | Role.Submitter);

    private static PaymentState Payment(PaymentStatus status = PaymentStatus.NeedsAttention, PendingResolution? pending = null) =>
        new("pay_1", status, null, Creator.Actor, [], pending);

    private static PendingResolution ProposedBy(Caller caller) =>
        new(ResolutionOutcome.Completed, "Booked on the statement of 4 Dec", "camt.053 entry REF123", caller.Actor, Now.AddMinutes(-5));

    public static TheoryData<PaymentStatus> EveryOtherStatus() => new(Enum.GetValues<PaymentStatus>().Where(s => s != PaymentStatus.NeedsAttention));

    [Theory]
    [MemberData(nameof(EveryOtherStatus))]
    public void Every_action_refuses_a_payment_not_in_needs_attention_with_409_invalid_state(PaymentStatus status)
    {
        var decisions = new[]
        {
            AttentionDecisions.Requery(Payment(status), new BankAnswer(BankAnswerKind.Found, PaymentStatus.Completed, "ACSC", "ACSC"), AdminA, Now),
            AttentionDecisions.Resolve(Payment(status), new ResolveCommand(AdminA, ResolutionOutcome.Failed, "r", "e"), Now),
            AttentionDecisions.Resolve(Payment(status), new ResolveCommand(AdminA, ResolutionOutcome.Completed, "r", "e"), Now),
            AttentionDecisions.Confirm(Payment(status, ProposedBy(AdminA)), AdminB, null, Now),
        };
        Assert.All(decisions, d =>
        {
            var refused = Assert.IsType<PaymentDecision.Refused>(d);
            Assert.Equal(RefusalKind.InvalidState, refused.Refusal.Kind);
            Assert.Contains("needs_attention", refused.Refusal.Detail, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(PaymentStatus.Completed, "ACSC")]
    [InlineData(PaymentStatus.Rejected, "RJCT")]
    [InlineData(PaymentStatus.Failed, "F")]
    [InlineData(PaymentStatus.Returned, "B")]
    public void A_final_answer_of_the_bank_settles_the_payment_with_its_codes_and_clears_a_pending_resolution(PaymentStatus reported, string code)
    {
        var answer = new BankAnswer(BankAnswerKind.Found, reported, code, "ISO" + code, "the bank's reason");
        var accepted = Assert.IsType<PaymentDecision.Accepted>(AttentionDecisions.Requery(Payment(pending: ProposedBy(AdminA)), answer, AdminB, Now));

        Assert.Equal(new PaymentMove(reported, PaymentTrigger.Requery, "the bank's reason", BankCode: code, IsoCode: "ISO" + code), accepted.Move);
        Assert.Equal(AttentionDecisions.Requeried, accepted.AuditAction);
        Assert.Null(accepted.Attention!.PendingAfter);
        Assert.Equal(("requeried", "key_b"), (accepted.Attention.Entry.Action, accepted.Attention.Entry.By));
        Assert.Equal(new BankAnswerView("found", reported.ToWire(), code, "ISO" + code, "the bank's reason"), accepted.Attention.Entry.Bank);
        Assert.False(accepted.QueueForSigning);
    }

    public static TheoryData<BankAnswer> AnswersThatSettleNothing() => new(
        new BankAnswer(BankAnswerKind.Found, PaymentStatus.Accepted, "ACSP", "ACSP"),
        new BankAnswer(BankAnswerKind.Found, PaymentStatus.Sent, "RCVD", "RCVD"),
        new BankAnswer(BankAnswerKind.NotListed),
        new BankAnswer(BankAnswerKind.NotFound),
        new BankAnswer(BankAnswerKind.Unavailable, BankCode: "HTTP500", Detail: "HTTP500"),
        new BankAnswer(BankAnswerKind.Refused, Detail: "401"));

    [Theory]
    [MemberData(nameof(AnswersThatSettleNothing))]
    public void Any_other_answer_moves_nothing_and_is_only_logged_keeping_a_pending_resolution(BankAnswer answer)
    {
        var pending = ProposedBy(AdminA);
        var accepted = Assert.IsType<PaymentDecision.Accepted>(AttentionDecisions.Requery(Payment(pending: pending), answer, AdminB, Now));

        Assert.Null(accepted.Move);
        Assert.Equal(pending, accepted.Attention!.PendingAfter);
        Assert.Equal(answer.ToView(), accepted.Attention.Entry.Bank);
        Assert.False(accepted.QueueForSigning);
    }

    [Fact]
    public void Failed_takes_effect_at_once_with_reason_and_evidence_and_drops_a_pending_completion()
    {
        var command = new ResolveCommand(AdminA, ResolutionOutcome.Failed, "Bank confirmed it never executed", "Call ref 4711");
        var accepted = Assert.IsType<PaymentDecision.Accepted>(AttentionDecisions.Resolve(Payment(pending: ProposedBy(AdminB)), command, Now));

        Assert.Equal(new PaymentMove(PaymentStatus.Failed, PaymentTrigger.Resolve, "Resolved as failed: Bank confirmed it never executed"), accepted.Move);
        Assert.Equal(AttentionDecisions.ResolvedFailed, accepted.AuditAction);
        Assert.Equal(new AttentionEntry(Now, "key_a", "resolved_failed", "Bank confirmed it never executed", "Call ref 4711"), accepted.Attention!.Entry);
        Assert.Null(accepted.Attention.PendingAfter);
        Assert.True(PaymentStateMachine.CanMove(PaymentStatus.NeedsAttention, accepted.Move!.To, accepted.Move.By));
    }

    [Fact]
    public void Completed_is_only_proposed_moves_nothing_and_is_stored_as_pending()
    {
        var command = new ResolveCommand(AdminA, ResolutionOutcome.Completed, "Booked on the statement", "camt.053 REF123");
        var accepted = Assert.IsType<PaymentDecision.Accepted>(AttentionDecisions.Resolve(Payment(), command, Now));

        Assert.Null(accepted.Move);
        Assert.Equal(AttentionDecisions.CompletionProposed, accepted.AuditAction);
        Assert.Equal(new PendingResolution(ResolutionOutcome.Completed, "Booked on the statement", "camt.053 REF123", "key_a", Now), accepted.Attention!.PendingAfter);
    }

    [Fact]
    public void A_second_completed_proposal_while_one_waits_is_a_conflict()
    {
        var refused = Assert.IsType<PaymentDecision.Refused>(AttentionDecisions.Resolve(Payment(pending: ProposedBy(AdminA)),
            new ResolveCommand(AdminB, ResolutionOutcome.Completed, "r", "e"), Now));
        Assert.Equal(RefusalKind.Conflict, refused.Refusal.Kind);
    }

    [Fact]
    public void Another_person_confirms_the_completion_through_the_state_machine()
    {
        var accepted = Assert.IsType<PaymentDecision.Accepted>(AttentionDecisions.Confirm(Payment(pending: ProposedBy(AdminA)), AdminB, "checked", Now));

        Assert.Equal(PaymentStatus.Completed, accepted.Move!.To);
        Assert.Equal(PaymentTrigger.Resolve, accepted.Move.By);
        Assert.Equal("Resolved as completed by key_a, confirmed by key_b: Booked on the statement of 4 Dec", accepted.Move.Reason);
        Assert.Equal(AttentionDecisions.ResolvedCompleted, accepted.AuditAction);
        Assert.Equal(new AttentionEntry(Now, "key_b", "resolved_completed", "checked", "camt.053 entry REF123"), accepted.Attention!.Entry);
        Assert.Null(accepted.Attention.PendingAfter);
    }

    [Fact]
    public void The_proposer_cannot_confirm_their_own_completion()
    {
        var refused = Assert.IsType<PaymentDecision.Refused>(AttentionDecisions.Confirm(Payment(pending: ProposedBy(AdminA)), AdminA, null, Now));
        Assert.Equal(RefusalKind.NotAllowed, refused.Refusal.Kind);
        Assert.Contains("proposed", refused.Refusal.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void The_operator_cannot_confirm_the_operators_own_proposal_but_a_tenant_admin_can()
    {
        Assert.IsType<PaymentDecision.Refused>(AttentionDecisions.Confirm(Payment(pending: ProposedBy(Caller.Operator)), Caller.Operator, null, Now));
        Assert.IsType<PaymentDecision.Accepted>(AttentionDecisions.Confirm(Payment(pending: ProposedBy(Caller.Operator)), AdminA, null, Now));
    }

    [Fact]
    public void The_creator_of_the_payment_cannot_confirm_its_completion()
    {
        var refused = Assert.IsType<PaymentDecision.Refused>(AttentionDecisions.Confirm(Payment(pending: ProposedBy(AdminA)), Creator, null, Now));
        Assert.Equal(RefusalKind.NotAllowed, refused.Refusal.Kind);
        Assert.Contains("creator", refused.Refusal.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Confirm_without_a_proposal_is_refused()
    {
        var refused = Assert.IsType<PaymentDecision.Refused>(AttentionDecisions.Confirm(Payment(), AdminB, null, Now));
        Assert.Equal(RefusalKind.InvalidState, refused.Refusal.Kind);
    }

    [Fact]
    public void The_banks_status_outcome_becomes_the_answer_about_this_payment()
    {
        var found = new StatusOutcome.Found("F1", [new PaymentBankStatus("E2E-1", PaymentStatus.Completed, "ACSC", "ACSC", null),
            new PaymentBankStatus("E2E-2", PaymentStatus.Rejected, "RJCT", "AM04", "Insufficient funds")]);

        Assert.Equal(new BankAnswer(BankAnswerKind.Found, PaymentStatus.Rejected, "AM04", "RJCT", "Insufficient funds"), BankAnswers.For(found, "E2E-2"));
        Assert.Equal(BankAnswerKind.NotListed, BankAnswers.For(found, "E2E-3").Kind);
        Assert.Equal(BankAnswerKind.NotFound, BankAnswers.For(new StatusOutcome.NotFound(), "E2E-1").Kind);
        Assert.Equal(new BankAnswer(BankAnswerKind.Unavailable, BankCode: "HTTP503", Detail: "down"),
            BankAnswers.For(new StatusOutcome.Unavailable("down", null, "HTTP503"), "E2E-1"));
        Assert.Equal(BankAnswerKind.Refused, BankAnswers.For(new StatusOutcome.Refused("401"), "E2E-1").Kind);
    }

    [Fact]
    public void The_attention_log_keeps_its_newest_entries_and_the_pending_resolution_round_trips()
    {
        var row = new PaymentRow();
        var pending = ProposedBy(AdminA);
        for (var i = 0; i < PaymentAttention.MaxLogEntries + 5; i++)
        {
            PaymentAttention.Apply(row, new AttentionChange(new AttentionEntry(Now.AddMinutes(i), "key_a", "requeried"), pending));
        }
        var attention = PaymentAttention.From(row)!;

        Assert.Equal(PaymentAttention.MaxLogEntries, attention.Log.Count);
        Assert.Equal(Now.AddMinutes(PaymentAttention.MaxLogEntries + 4), attention.Log[^1].At);
        Assert.Equal(pending, attention.PendingResolution);
        Assert.Null(PaymentAttention.From(new PaymentRow()));
    }
}
