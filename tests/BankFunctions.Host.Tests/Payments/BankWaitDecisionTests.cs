using BankFunctions.Domain.Payments;
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

    // A cancel decision writes an audit row, whose seal is process-wide and set when a host starts; this test may run
    // first. Every host in this test process uses the same key, so setting it here changes nothing for them.
    static BankWaitDecisionTests() =>
        BankFunctions.Features.Audit.UseSeal(new BankFunctions.Features.AuditTrail.AuditSeal(
            new BankFunctions.Features.AuditTrail.AuditOptions { SealKey = BankFunctions.Host.Tests.Jobs.JobHarness.SealKey }));

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

    private static (PaymentRow Payment, BankFileRow File) Signing(string fileState, int paymentCount = 1) => (
        new PaymentRow { PartitionKey = "t1", PaymentId = "pay_1", FileId = "file_1", Status = PaymentStatus.Signing.ToWire(), StatusHistory = "[]", CreatedBy = Submitter.Actor },
        new BankFileRow { PartitionKey = "t1", FileId = "file_1", State = fileState, PaymentCount = paymentCount, BankWaits = 3, BankUnavailableSince = Now });

    [Fact]
    public void A_signing_payment_is_cancelled_with_its_file_only_while_that_file_is_prepared_and_holds_it_alone()
    {
        var (payment, file) = Signing(BankFileStates.Prepared);
        var write = Assert.IsType<TransitionDecision.Write>(CancelPayment.DecideWhileSigning(payment, file, Submitter, null, Now));
        Assert.Equal(PaymentStatus.Cancelled.ToWire(), payment.Status);
        Assert.Equal(BankFileStates.Final, file.State);
        Assert.Null(file.BankUnavailableSince);
        Assert.Contains(write.Extra, a => ReferenceEquals(a.Entity, file) && a.ETag == file.ETag);

        foreach (var state in new[] { BankFileStates.Preparing, BankFileStates.Sending, BankFileStates.Sent, BankFileStates.Final })
        {
            var (p, f) = Signing(state);
            Assert.IsType<TransitionDecision.Stop>(CancelPayment.DecideWhileSigning(p, f, Submitter, null, Now));
            Assert.Equal((PaymentStatus.Signing.ToWire(), state), (p.Status, f.State));
        }
        var (shared, sharedFile) = Signing(BankFileStates.Prepared, paymentCount: 3);
        Assert.IsType<TransitionDecision.Stop>(CancelPayment.DecideWhileSigning(shared, sharedFile, Submitter, null, Now));
        Assert.IsType<TransitionDecision.Stop>(CancelPayment.DecideWhileSigning(Signing(BankFileStates.Prepared).Payment, null, Submitter, null, Now));
        Assert.Equal(BankFileStates.Prepared, sharedFile.State);
    }

    [Fact]
    public void Another_submitter_cannot_cancel_a_signing_payment_waiting_for_its_bank_and_an_admin_can()
    {
        // Both changes of the same day met here: the ownership check guarded Decide, and the signing path bypassed it.
        var other = new Caller(false, "t1", "key2", Role.Submitter);
        var (payment, file) = Signing(BankFileStates.Prepared);
        var stop = Assert.IsType<TransitionDecision.Stop>(CancelPayment.DecideWhileSigning(payment, file, other, null, Now));
        Assert.Equal(403, Assert.IsAssignableFrom<Microsoft.AspNetCore.Http.IStatusCodeHttpResult>(stop.Result).StatusCode);
        Assert.Equal((PaymentStatus.Signing.ToWire(), BankFileStates.Prepared), (payment.Status, file.State));

        var admin = new Caller(false, "t1", "key3", Role.Submitter | Role.Admin);
        Assert.IsType<TransitionDecision.Write>(CancelPayment.DecideWhileSigning(payment, file, admin, null, Now));
        Assert.Equal(PaymentStatus.Cancelled.ToWire(), payment.Status);
    }
}
