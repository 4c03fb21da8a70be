using System.Reflection;
using Azure.Data.Tables;
using BankFunctions.Domain.Payments;
using BankFunctions.Features;
using BankFunctions.Features.Approvals;
using BankFunctions.Features.AuditTrail;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Payments;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Host.Tests.Decisions;

/// <summary>
/// The pure decisions of approve / reject / cancel (payments and batches), without storage or a host: every status,
/// dual control, ownership, and the effects they ask for; plus how the runner stages accepted effects.
/// </summary>
public sealed class PaymentActionDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly Caller Creator = new(false, "t1", "key-creator", Role.Submitter);
    private static readonly Caller Approver = new(false, "t1", "key-a", Role.Approver);
    private static readonly Caller Approver2 = new(false, "t1", "key-b", Role.Approver);
    private static readonly Caller OtherSubmitter = new(false, "t1", "key-other", Role.Submitter);
    private static readonly Caller Admin = new(false, "t1", "key-admin", Role.Submitter | Role.Admin);
    private static readonly AuditSeal Seal = new(new AuditOptions { SealKey = new string('s', 32) });

    private static PaymentState Payment(PaymentStatus status, int required = 1, string? batchId = null, params string[] approvals) =>
        new("pay_1", status, batchId, Creator.Actor, ApprovalSnapshot.Read(null, required, approvals));

    private static BatchState Batch(BatchStatus status, bool complete = true, int required = 1, params string[] approvals) =>
        new("bat_1", status, complete, Creator.Actor, ApprovalSnapshot.Read(null, required, approvals));

    private static PaymentCommand By(Caller caller, string? reason = null) => new(caller, reason);

    private static int StatusCode(Refusal refusal) => Assert.IsAssignableFrom<IStatusCodeHttpResult>(refusal.ToProblem()).StatusCode!.Value;

    [Fact]
    public void Approve_is_refused_with_409_in_every_status_but_pending_approval()
    {
        foreach (var status in Enum.GetValues<PaymentStatus>().Where(s => s != PaymentStatus.PendingApproval))
        {
            var refused = Assert.IsType<PaymentDecision.Refused>(ApprovePayment.Decide(Payment(status), By(Approver), Now));
            Assert.Equal(RefusalKind.InvalidState, refused.Refusal.Kind);
            Assert.Equal(409, StatusCode(refused.Refusal));
            Assert.Equal($"The payment is {status.ToWire()}; only pending_approval payments can be approved.", refused.Refusal.Detail);
        }
    }

    [Fact]
    public void The_last_needed_approval_moves_the_payment_and_queues_it_for_signing()
    {
        var one = Assert.IsType<PaymentDecision.Accepted>(ApprovePayment.Decide(Payment(PaymentStatus.PendingApproval), By(Approver, "ok"), Now));
        Assert.Equal(new PaymentDecision.Accepted(Now, "payment.approved",
            Move: new PaymentMove(PaymentStatus.Approved, PaymentTrigger.Approve, "ok", ReasonIsNote: true), QueueForSigning: true), one with { Approval = null });
        Assert.Equal([Approver.Actor], ApprovalLevelRules.Approvers(one.Approval!));

        var first = Assert.IsType<PaymentDecision.Accepted>(ApprovePayment.Decide(Payment(PaymentStatus.PendingApproval, required: 2), By(Approver), Now));
        Assert.Equal(new PaymentDecision.Accepted(Now, "payment.approval-recorded"), first with { Approval = null });
        Assert.Equal([Approver.Actor], ApprovalLevelRules.Approvers(first.Approval!));

        var second = Assert.IsType<PaymentDecision.Accepted>(
            ApprovePayment.Decide(Payment(PaymentStatus.PendingApproval, 2, null, Approver.Actor), By(Approver2), Now));
        Assert.Equal(PaymentStatus.Approved, second.Move?.To);
        Assert.True(second.QueueForSigning);
    }

    [Fact]
    public void Dual_control_the_creator_never_approves_and_one_key_approves_once()
    {
        var creator = Assert.IsType<PaymentDecision.Refused>(ApprovePayment.Decide(Payment(PaymentStatus.PendingApproval), By(Creator), Now));
        Assert.Equal((RefusalKind.NotAllowed, 403), (creator.Refusal.Kind, StatusCode(creator.Refusal)));
        Assert.Equal("The creator of a payment cannot approve it.", creator.Refusal.Title);

        var twice = Assert.IsType<PaymentDecision.Refused>(
            ApprovePayment.Decide(Payment(PaymentStatus.PendingApproval, 2, null, Approver.Actor), By(Approver), Now));
        Assert.Equal((RefusalKind.Conflict, 409), (twice.Refusal.Kind, StatusCode(twice.Refusal)));
    }

    [Fact]
    public void Batch_items_are_approved_rejected_and_cancelled_only_with_their_batch()
    {
        var item = Payment(PaymentStatus.PendingApproval, batchId: "bat_1");
        Assert.Contains("/v1/payment-batches/{id}/approve", Assert.IsType<PaymentDecision.Refused>(ApprovePayment.Decide(item, By(Approver), Now)).Refusal.Detail, StringComparison.Ordinal);
        Assert.Contains("/v1/payment-batches/{id}/reject", Assert.IsType<PaymentDecision.Refused>(RejectPayment.Decide(item, By(Approver), Now)).Refusal.Detail, StringComparison.Ordinal);
        Assert.Contains("/v1/payment-batches/{id}/cancel", Assert.IsType<PaymentDecision.Refused>(CancelPayment.Decide(item, null, By(Creator), Now)).Refusal.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Reject_moves_only_a_pending_payment_with_the_reason_given_or_a_default()
    {
        foreach (var status in Enum.GetValues<PaymentStatus>())
        {
            var decision = RejectPayment.Decide(Payment(status), By(Approver), Now);
            if (status == PaymentStatus.PendingApproval)
            {
                Assert.Equal(new PaymentDecision.Accepted(Now, "payment.rejected",
                    Move: new PaymentMove(PaymentStatus.Rejected, PaymentTrigger.Reject, "Rejected by approver")), decision);
            }
            else
            {
                Assert.Equal(409, StatusCode(Assert.IsType<PaymentDecision.Refused>(decision).Refusal));
            }
        }
        var reasoned = Assert.IsType<PaymentDecision.Accepted>(RejectPayment.Decide(Payment(PaymentStatus.PendingApproval), By(Approver, "wrong creditor"), Now));
        Assert.Equal("wrong creditor", reasoned.Move?.Reason);
    }

    [Fact]
    public void Cancel_before_signing_only_while_pending_or_approved_and_only_by_its_creator_or_an_admin()
    {
        foreach (var status in Enum.GetValues<PaymentStatus>())
        {
            var decision = CancelPayment.Decide(Payment(status), null, By(Creator), Now);
            if (status is PaymentStatus.PendingApproval or PaymentStatus.Approved)
            {
                Assert.Equal(new PaymentDecision.Accepted(Now, "payment.cancelled",
                    Move: new PaymentMove(PaymentStatus.Cancelled, PaymentTrigger.Cancel, "Cancelled by submitter")), decision);
                Assert.Equal(403, StatusCode(Assert.IsType<PaymentDecision.Refused>(CancelPayment.Decide(Payment(status), null, By(OtherSubmitter), Now)).Refusal));
                Assert.IsType<PaymentDecision.Accepted>(CancelPayment.Decide(Payment(status), null, By(Admin), Now));
            }
            else
            {
                var refused = Assert.IsType<PaymentDecision.Refused>(decision);
                Assert.Equal(409, StatusCode(refused.Refusal));
            }
        }
    }

    [Fact]
    public void Cancel_of_a_signing_payment_closes_its_prepared_single_payment_file()
    {
        var signing = Payment(PaymentStatus.Signing);
        var accepted = Assert.IsType<PaymentDecision.Accepted>(
            CancelPayment.Decide(signing, new SigningFile("prepared", 1, null), By(Creator, "duplicate"), Now));
        Assert.Equal("Cancelled before sending: duplicate", accepted.CloseFile);
        Assert.Equal(new PaymentMove(PaymentStatus.Cancelled, PaymentTrigger.Cancel, "duplicate"), accepted.Move);

        Assert.IsType<PaymentDecision.Refused>(CancelPayment.Decide(signing, new SigningFile("prepared", 2, null), By(Creator), Now));
        Assert.IsType<PaymentDecision.Refused>(CancelPayment.Decide(signing, new SigningFile("prepared", 1, "bat_1"), By(Creator), Now));
        Assert.IsType<PaymentDecision.Refused>(CancelPayment.Decide(signing, new SigningFile("sending", 1, null), By(Creator), Now));
        Assert.IsType<PaymentDecision.Refused>(CancelPayment.Decide(signing, new SigningFile("preparing", 1, null), By(Creator), Now));
        Assert.IsType<PaymentDecision.Refused>(CancelPayment.Decide(signing, null, By(Creator), Now));
    }

    [Fact]
    public void Batch_approve_needs_a_complete_pending_batch_and_carries_the_decision_to_its_items()
    {
        Assert.Contains("still being written", Assert.IsType<BatchDecision.Refused>(
            BatchDecisions.Approve(Batch(BatchStatus.PendingApproval, complete: false), By(Approver), Now)).Refusal.Detail, StringComparison.Ordinal);
        foreach (var status in Enum.GetValues<BatchStatus>().Where(s => s != BatchStatus.PendingApproval))
        {
            Assert.Equal(409, StatusCode(Assert.IsType<BatchDecision.Refused>(BatchDecisions.Approve(Batch(status), By(Approver), Now)).Refusal));
        }
        Assert.Equal(403, StatusCode(Assert.IsType<BatchDecision.Refused>(BatchDecisions.Approve(Batch(BatchStatus.PendingApproval), By(Creator), Now)).Refusal));

        var recorded = Assert.IsType<BatchDecision.Accepted>(BatchDecisions.Approve(Batch(BatchStatus.PendingApproval, required: 2), By(Approver), Now));
        Assert.Equal(new BatchDecision.Accepted(Now, "batch.approval-recorded"), recorded with { Approval = null });
        Assert.Equal([Approver.Actor], ApprovalLevelRules.Approvers(recorded.Approval!));

        var approved = Assert.IsType<BatchDecision.Accepted>(BatchDecisions.Approve(Batch(BatchStatus.PendingApproval), By(Approver), Now));
        Assert.True(approved.QueueForSigning);
        Assert.Equal((BatchStatus.Approved, PaymentTrigger.Approve), (approved.Move!.To, approved.Move.By));
        Assert.Equal(new[] { PaymentStatus.PendingApproval }, approved.Move.Items.From);
        Assert.Equal((PaymentStatus.Approved, PaymentTrigger.Approve), (approved.Move.Items.To, approved.Move.Items.By));
    }

    [Fact]
    public void Batch_reject_and_cancel_move_the_header_and_the_items_still_before_the_bank()
    {
        var rejected = Assert.IsType<BatchDecision.Accepted>(BatchDecisions.Reject(Batch(BatchStatus.PendingApproval), By(Approver), Now));
        Assert.Equal(new ItemsMove(rejected.Move!.Items.From, PaymentStatus.Rejected, PaymentTrigger.Reject, "Batch rejected"), rejected.Move.Items);
        Assert.Equal(new[] { PaymentStatus.PendingApproval }, rejected.Move.Items.From);
        Assert.Equal("Rejected by approver", rejected.Move.Reason);
        Assert.IsType<BatchDecision.Refused>(BatchDecisions.Reject(Batch(BatchStatus.Approved), By(Approver), Now));

        foreach (var status in Enum.GetValues<BatchStatus>())
        {
            var decision = BatchDecisions.Cancel(Batch(status), By(Creator), Now);
            if (status is BatchStatus.PendingApproval or BatchStatus.Approved)
            {
                var cancelled = Assert.IsType<BatchDecision.Accepted>(decision);
                Assert.Equal("batch.cancelled", cancelled.AuditAction);
                Assert.Equal(new[] { PaymentStatus.PendingApproval, PaymentStatus.Approved }, cancelled.Move!.Items.From.Order());
                Assert.Equal((PaymentStatus.Cancelled, "Batch cancelled"), (cancelled.Move.Items.To, cancelled.Move.Items.Reason));
                Assert.Equal(403, StatusCode(Assert.IsType<BatchDecision.Refused>(BatchDecisions.Cancel(Batch(status), By(OtherSubmitter), Now)).Refusal));
            }
            else
            {
                Assert.Equal(409, StatusCode(Assert.IsType<BatchDecision.Refused>(decision).Refusal));
            }
        }
    }

    [Fact]
    public void The_runner_stages_an_approval_as_one_guarded_transaction_with_a_sealed_audit_row()
    {
        var row = new PaymentRow
        {
            PartitionKey = "t1", RowKey = "p-pay_1", PaymentId = "pay_1", Status = "pending_approval", StatusReason = "Approval rules changed: more approvals are needed.",
            StatusHistory = "[]", CreatedBy = Creator.Actor, ApprovalsRequired = 1, DebtorAccountId = "acc_1", RequestedExecutionDate = "2026-12-04",
            Kind = "payment", Currency = "EUR", Amount = "10.00", ETag = new Azure.ETag("W/\"1\""),
        };
        var accepted = Assert.IsType<PaymentDecision.Accepted>(ApprovePayment.Decide(PaymentState.From(row), By(Approver, "checked"), Now));
        var actions = PaymentActionRunner.Stage(row, null, accepted, Approver, new AuditRows(Seal));

        Assert.Equal("approved", row.Status);
        Assert.Equal("Approval rules changed: more approvals are needed.", row.StatusReason); // an approval note is history only
        Assert.Equal(Now, row.UpdatedAt);
        Assert.Equal(new[] { Approver.Actor }, ApprovalList.Parse(row.Approvals));
        var change = Assert.Single(StatusHistory.Read(row.StatusHistory));
        Assert.Equal(("approved", "checked"), (change.Status, change.Reason));

        Assert.Equal(TableTransactionActionType.UpdateReplace, actions[0].ActionType);
        Assert.Same(row, actions[0].Entity);
        Assert.Equal(row.ETag, actions[0].ETag);
        Assert.Single(actions, a => a.Entity is OutboxRow { Queue: "payments-sign" });
        Assert.Single(actions, a => a.Entity is ReadyPaymentRow { PaymentId: "pay_1" });
        var audit = Assert.IsType<AuditRow>(Assert.Single(actions, a => a.Entity is AuditRow).Entity);
        Assert.Equal(("payment.approved", "pay_1", Approver.Actor), (audit.Action, audit.Subject, audit.Actor));
        Assert.True(Seal.Verify(audit));
        Assert.False(new AuditSeal(new AuditOptions { SealKey = new string('x', 32) }).Verify(audit));
    }

    [Fact]
    public void Decisions_carry_no_storage_or_http_types()
    {
        Type[] decisionTypes = [typeof(PaymentDecision), typeof(PaymentDecision.Accepted), typeof(PaymentDecision.Refused), typeof(BatchDecision),
            typeof(BatchDecision.Accepted), typeof(BatchDecision.Refused), typeof(PaymentMove), typeof(BatchMove), typeof(ItemsMove), typeof(Refusal),
            typeof(PaymentState), typeof(BatchState), typeof(SigningFile), typeof(PaymentCommand)];
        var leaks = decisionTypes.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => (t, p.PropertyType)))
            .Where(x => x.PropertyType.Namespace is { } ns && (ns.StartsWith("Azure", StringComparison.Ordinal) || ns.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                || ns.StartsWith("BankFunctions.Storage", StringComparison.Ordinal)))
            .Select(x => $"{x.t.Name}: {x.PropertyType}").ToList();
        Assert.Empty(leaks);
        foreach (var decide in new[] { typeof(ApprovePayment), typeof(RejectPayment), typeof(CancelPayment), typeof(BatchDecisions) }
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static)))
        {
            Assert.All(decide.GetParameters().Select(p => p.ParameterType).Append(decide.ReturnType),
                t => Assert.False(t.Namespace!.StartsWith("Azure", StringComparison.Ordinal) || t.Namespace.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal), $"{decide.Name}: {t}"));
        }
    }
}
