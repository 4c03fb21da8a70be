using BankFunctions.Features.AuditTrail;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Events;
using BankFunctions.Features.Payments;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Tests.Events;

/// <summary>Which event an audited change makes (issue #14 "Events"), and that the audit row carries it into its transaction.</summary>
public sealed class EventTypesTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 15, 0, TimeSpan.Zero);
    private static readonly Caller Approver = new(false, "t1", "key1", Role.Approver);
    private static readonly AuditSeal Seal = new(new AuditOptions { SealKey = new string('a', 32) });

    private static PaymentRow Payment(string id, string status) => new()
    {
        PartitionKey = "t1", RowKey = "pay|" + id, PaymentId = id, Status = status, Currency = "EUR", Amount = "10.00",
        DebtorAccountId = "acc_1", CreditorName = "Muster GmbH", CreatedAt = Now, UpdatedAt = Now,
    };

    private static PaymentView View(string status) => PaymentView.From(Payment("pay_1", status));

    [Theory]
    [InlineData("payment.created", false, null, "pending_approval", "payment.created")]
    [InlineData("payment.approved", false, "pending_approval", "approved", "payment.approved")]
    [InlineData("payment.approved", false, "pending_approval", "pending_approval", "payment.updated")] // one approval of two
    [InlineData("payment.rejected", false, "pending_approval", "rejected", "payment.rejected")]
    [InlineData("payment.rejected", true, null, "rejected", "payment.rejected_by_bank")]
    [InlineData("payment.cancelled", false, "approved", "cancelled", "payment.cancelled")]
    [InlineData("payment.completed", true, "sent", "completed", "payment.completed")]
    [InlineData("payment.returned", true, null, "returned", "payment.returned")]
    [InlineData("payment.booked", true, null, "completed", "payment.updated")]
    [InlineData("payment.screening_hold", true, null, "approved", "payment.updated")]
    public void A_payment_change_makes_the_event_of_the_status_it_reached(string action, bool bySystem, string? before, string after, string expected)
    {
        var drafts = EventTypes.FromAudit(action, bySystem, before is null ? null : View(before), View(after));

        var draft = Assert.Single(drafts);
        Assert.Equal(expected, draft.Type);
        Assert.Equal("pay_1", draft.ResourceId);
        Assert.Contains(expected, EventTypes.All);
    }

    [Fact]
    public void Changes_that_are_not_about_payments_or_batches_make_no_event()
    {
        Assert.Empty(EventTypes.FromAudit("account.created", false, null, new { id = "acc_1" }));
        Assert.Empty(EventTypes.FromAudit("payment.status-changed", true, null, new TransitionAudit.Moves([])));
    }

    [Fact]
    public void A_stage_that_moves_payments_makes_one_event_per_payment_in_its_audit_rows_transaction()
    {
        var audit = new AuditRows(Seal);
        var moved = Enumerable.Range(0, 98).Select(i => (Payment($"pay_{i:D3}", i % 2 == 0 ? "sent" : "rejected"), "signing")).ToList();

        var row = TransitionAudit.Row(audit, "DispatchPayments", moved, Now);

        var pending = Assert.IsType<PendingEventRow>(row.Companion);
        Assert.Equal("evp|" + row.AuditId, pending.RowKey);
        Assert.Equal("t1", pending.PartitionKey);
        var events = EventRows.Read(pending);
        Assert.Equal(98, events.Count);
        Assert.Equal(moved.Select(m => m.Item1.PaymentId), events.Select(e => e.ResourceId));
        Assert.Equal(["payment.sent", "payment.rejected_by_bank"], events.Select(e => e.Type).Distinct());
        Assert.Equal(98, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal("pay_001", events[1].Data.GetProperty("id").GetString());
        // 98 payment views fit a pending row; the raw JSON alone would not fit one string property.
        Assert.True(Storage.Guard.StorageLimits.CheckEntity(pending) < 256 * 1024);
    }

    /// <summary>
    /// The largest change there is: one transaction moves at most 98 payments (100 entities less the audit and events
    /// rows). With every text at its longest and random (so gzip gains little), their views still fit the four parts of
    /// a pending row, each part small enough to be sealed within a binary property's 64 KiB.
    /// </summary>
    [Fact]
    public void The_events_of_98_payments_with_every_text_at_its_longest_and_random_fit_a_pending_row()
    {
        var random = new Random(16);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,-/()äöüéßø";
        string Text(int length) => new(Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
        var history = string.Join(',', Enumerable.Range(0, 8).Select(i => $$"""{"status":"s{{i}}","at":"2026-03-02T10:15:0{{i}}Z","reason":"{{Text(105)}}","bankCode":"{{Text(8)}}"}"""));
        var moved = Enumerable.Range(0, SequenceEvents.MaxEventsPerTransaction).Select(i => (Payment($"pay_{i:D3}", "sent"), "signing")).ToList();
        foreach (var (p, _) in moved)
        {
            p.BatchId = "bat_" + Text(26);
            p.CreditorName = Text(140);
            p.CreditorIban = "GB" + Text(32);
            p.CreditorBic = Text(11);
            p.CreditorAccountNumber = Text(34);
            p.CreditorBankCode = Text(12);
            p.CounterpartyId = "cp_" + Text(26);
            p.RemittanceInformation = Text(140);
            p.EndToEndId = Text(35);
            p.BankReference = Text(35);
            p.StatusHistory = "[" + history + "]";
            p.StatusReason = Text(105);
            p.CreatedByName = Text(100);
            p.FileId = Text(60);
            p.BookingReference = Text(35);
        }

        var pending = Assert.IsType<PendingEventRow>(TransitionAudit.Row(new AuditRows(Seal), "DispatchPayments", moved, Now).Companion);

        var parts = new[] { pending.Data0, pending.Data1, pending.Data2, pending.Data3 }.Where(p => p is not null).Select(p => p!.Length).ToList();
        output.WriteLine($"98 payment views, gzipped: {parts.Sum()} bytes in {parts.Count} parts ({string.Join(", ", parts)}); a row holds {PendingEventRow.Parts * PendingEventRow.PartBytes}");
        Assert.All(parts, p => Assert.True(p <= PendingEventRow.PartBytes));
        Assert.True(parts.Sum() < PendingEventRow.Parts * PendingEventRow.PartBytes / 2, $"{parts.Sum()} bytes leave less than half of a pending row spare");
        Assert.Equal(98, EventRows.Read(pending).Count);
    }

    [Fact]
    public void A_person_s_change_carries_its_event_and_a_change_without_one_carries_none()
    {
        var audit = new AuditRows(Seal);

        var approved = audit.Row("t1", Approver, "payment.approved", "pay_1", View("pending_approval"), View("approved"), Now);
        var account = audit.Row("t1", Approver, "account.created", "acc_1", null, new { id = "acc_1" }, Now);

        Assert.Equal("payment.approved", Assert.Single(EventRows.Read(Assert.IsType<PendingEventRow>(approved.Companion))).Type);
        Assert.Null(account.Companion);
        Assert.True(Seal.Verify(approved)); // the companion is not part of the sealed content
    }

    [Fact]
    public void Several_audit_rows_of_one_transaction_share_one_events_row()
    {
        var audit = new AuditRows(Seal);
        var rows = Enumerable.Range(0, 40)
            .Select(i => audit.Row("t1", Approver, "payment.completed", $"pay_{i}", View("sent"), PaymentView.From(Payment($"pay_{i}", "completed")), Now)).ToList();

        AuditRows.MergeEvents(rows);

        Assert.Single(rows, r => r.Companion is not null);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"pay_{i}"), EventRows.Read((PendingEventRow)rows[0].Companion!).Select(e => e.ResourceId));
    }
}
