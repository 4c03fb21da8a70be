using BankFunctions.Domain.Payments;
using BankFunctions.Features;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Dispatch;
using BankFunctions.Features.Health;
using BankFunctions.Features.Payments;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Host.Tests.Payments;

/// <summary>The pure decisions around a bank outage: is a bank being waited out, what /health says, when a signing payment may be cancelled.</summary>
public sealed class BankWaitDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly Caller Submitter = new(false, "t1", "key1", Role.Submitter);

    private static BankWaitRow Wait(TimeSpan lastFailureAgo, TimeSpan nextAttemptIn, TimeSpan? answeredAgo = null) => new()
    {
        UnavailableSince = Now - lastFailureAgo - TimeSpan.FromMinutes(3),
        LastUnavailableAt = Now - lastFailureAgo,
        NextAttemptAt = Now + nextAttemptIn,
        LastErrorCode = "HTTP503",
        AnsweredAt = answeredAgo is { } ago ? Now - ago : null,
    };

    [Fact]
    public void A_bank_is_waited_out_while_its_last_call_failed_and_a_retry_is_scheduled()
    {
        Assert.True(BankWaitBoard.IsWaiting(Wait(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5)), Now));
        Assert.True(BankWaitBoard.IsWaiting(Wait(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(-30)), Now)); // retry due, within the outbox grace
        Assert.True(BankWaitBoard.IsWaiting(Wait(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), answeredAgo: TimeSpan.FromMinutes(1)), Now));
        Assert.False(BankWaitBoard.IsWaiting(Wait(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), answeredAgo: TimeSpan.FromSeconds(10)), Now));
        Assert.False(BankWaitBoard.IsWaiting(Wait(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(-5)), Now)); // nobody waits any more
        Assert.False(BankWaitBoard.IsWaiting(null, Now));
    }

    [Fact]
    public void Health_marks_a_reachable_bank_that_is_waited_out_degraded_and_an_unreachable_one_stays_unavailable()
    {
        GetHealth.Check[] checks = [new("tables", "ok", null), new("bank:simbank-iso", "ok", null), new("bank:simbank-cmb", "ok", null)];
        var waits = new Dictionary<string, BankWaitRow> { ["simbank-iso"] = Wait(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1)) };
        var result = GetHealth.Degrade(checks, waits, Now);
        Assert.Equal(["ok", "degraded", "ok"], result.Select(c => c.Status));
        Assert.Contains("HTTP503", result[1].Detail, StringComparison.Ordinal);
        Assert.Equal("degraded", GetHealth.Overall(result));
        Assert.Equal("ok", GetHealth.Overall(GetHealth.Degrade(checks, new Dictionary<string, BankWaitRow>(), Now)));

        GetHealth.Check[] down = [new("tables", "ok", null), new("bank:simbank-iso", "unavailable", "unreachable")];
        var stillDown = GetHealth.Degrade(down, waits, Now);
        Assert.Equal("unavailable", stillDown[1].Status);
        Assert.Equal("unavailable", GetHealth.Overall(stillDown));
    }

    // The runner builds audit rows with the AuditRows it is given (the host's is a singleton from configuration).
    private static readonly AuditRows Audit =
        new(new BankFunctions.Features.AuditTrail.AuditSeal(new BankFunctions.Features.AuditTrail.AuditOptions { SealKey = BankFunctions.Host.Tests.Jobs.JobHarness.SealKey }));

    private static (PaymentRow Payment, BankFileRow File) Signing(string fileState, int paymentCount = 1) => (
        new PaymentRow { PartitionKey = "t1", PaymentId = "pay_1", FileId = "file_1", Status = PaymentStatus.Signing.ToWire(), StatusHistory = "[]", CreatedBy = Submitter.Actor },
        new BankFileRow { PartitionKey = "t1", FileId = "file_1", State = fileState, PaymentCount = paymentCount, BankWaits = 3, BankUnavailableSince = Now });

    private static PaymentDecision Cancel(PaymentRow payment, BankFileRow? file, Caller caller) =>
        CancelPayment.Decide(PaymentState.From(payment), SigningFile.From(file), new PaymentCommand(caller, null), Now);

    /// <summary>Decides, and when accepted stages the effects as the runner does (the rows it would write, and their transaction).</summary>
    private static List<Azure.Data.Tables.TableTransactionAction>? CancelAndStage(PaymentRow payment, BankFileRow? file, Caller caller) =>
        Cancel(payment, file, caller) is PaymentDecision.Accepted accepted ? PaymentActionRunner.Stage(payment, file, accepted, caller, Audit) : null;

    [Fact]
    public void A_signing_payment_is_cancelled_with_its_file_only_while_that_file_is_prepared_and_holds_it_alone()
    {
        var (payment, file) = Signing(BankFileStates.Prepared);
        var write = CancelAndStage(payment, file, Submitter);
        Assert.NotNull(write);
        Assert.Equal(PaymentStatus.Cancelled.ToWire(), payment.Status);
        Assert.Equal(BankFileStates.Final, file.State);
        Assert.Null(file.BankUnavailableSince);
        Assert.Contains(write, a => ReferenceEquals(a.Entity, file) && a.ETag == file.ETag);
        Assert.Contains(write, a => ReferenceEquals(a.Entity, payment) && a.ETag == payment.ETag);

        foreach (var state in new[] { BankFileStates.Preparing, BankFileStates.Sending, BankFileStates.Sent, BankFileStates.Final })
        {
            var (p, f) = Signing(state);
            Assert.IsType<PaymentDecision.Refused>(Cancel(p, f, Submitter));
            Assert.Null(CancelAndStage(p, f, Submitter));
            Assert.Equal((PaymentStatus.Signing.ToWire(), state), (p.Status, f.State));
        }
        var (shared, sharedFile) = Signing(BankFileStates.Prepared, paymentCount: 3);
        Assert.IsType<PaymentDecision.Refused>(Cancel(shared, sharedFile, Submitter));
        Assert.IsType<PaymentDecision.Refused>(Cancel(Signing(BankFileStates.Prepared).Payment, null, Submitter));
        Assert.Equal(BankFileStates.Prepared, sharedFile.State);
    }

    [Fact]
    public void Another_submitter_cannot_cancel_a_signing_payment_waiting_for_its_bank_and_an_admin_can()
    {
        // Both changes of the same day met here: the ownership check guarded Decide, and the signing path bypassed it.
        var other = new Caller(false, "t1", "key2", Role.Submitter);
        var (payment, file) = Signing(BankFileStates.Prepared);
        var stop = Assert.IsType<PaymentDecision.Refused>(Cancel(payment, file, other));
        Assert.Equal(403, Assert.IsAssignableFrom<Microsoft.AspNetCore.Http.IStatusCodeHttpResult>(stop.Refusal.ToProblem()).StatusCode);
        Assert.Null(CancelAndStage(payment, file, other));
        Assert.Equal((PaymentStatus.Signing.ToWire(), BankFileStates.Prepared), (payment.Status, file.State));

        var admin = new Caller(false, "t1", "key3", Role.Submitter | Role.Admin);
        Assert.NotNull(CancelAndStage(payment, file, admin));
        Assert.Equal(PaymentStatus.Cancelled.ToWire(), payment.Status);
    }
}
