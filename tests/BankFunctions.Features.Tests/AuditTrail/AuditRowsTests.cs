using BankFunctions.Features.AuditTrail;
using BankFunctions.Features.Auth;
using BankFunctions.Storage;

namespace BankFunctions.Features.Tests.AuditTrail;

/// <summary>
/// The audit row builder is given its seal (no process-wide key): a row verifies with the key that built it and with
/// no other, so /v1/audit/verify (which holds the host's one <see cref="AuditSeal"/>) catches a row sealed elsewhere.
/// </summary>
public sealed class AuditRowsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 15, 0, TimeSpan.Zero);
    private static readonly Caller Admin = new(false, "t1", "key1", Role.Admin);

    private static AuditSeal Seal(char key) => new(new AuditOptions { SealKey = new string(key, 32) });

    private sealed record View(string Id, string Amount);

    [Fact]
    public void A_row_verifies_with_a_seal_of_the_key_that_built_it_and_not_with_another()
    {
        var row = new AuditRows(Seal('a')).Row("t1", Admin, "payment.created", "pay_1", null, new View("pay_1", "10.00"), Now);

        Assert.True(Seal('a').Verify(row));
        Assert.False(Seal('b').Verify(row));
    }

    [Fact]
    public void Two_builders_with_different_keys_seal_the_same_content_differently()
    {
        var a = new AuditRows(Seal('a')).SystemRow("t1", "SignPayments", "payment.signing", "file_1", null, new View("pay_1", "10.00"), Now);
        var b = new AuditRows(Seal('b')).SystemRow("t1", "SignPayments", "payment.signing", "file_1", null, new View("pay_1", "10.00"), Now);

        // The same content under b's key, with a's row identity: only the key differs.
        var resealed = Seal('b').Compute(a);
        Assert.NotEqual(a.Seal, resealed);
        Assert.Equal(64, a.Seal!.Length);
        Assert.True(Seal('b').Verify(b));
        Assert.False(Seal('a').Verify(b));
    }

    [Fact]
    public void A_row_names_tenant_actor_action_subject_and_the_json_of_before_and_after()
    {
        var audit = new AuditRows(Seal('a'));

        var row = audit.Row("t1", Admin, "api-key.revoked", "key_9", new View("key_9", "1"), null, Now);
        var system = audit.SystemRow("t1", "Reconciler", "payment.completed", "pay_1", null, new View("pay_1", "2.50"), Now);

        Assert.Equal(TableKeys.TenantPartition("t1"), row.PartitionKey);
        Assert.Equal(TableKeys.AuditRow(row.AuditId), row.RowKey);
        Assert.Equal(Now, row.At);
        Assert.Equal("key1", row.Actor);
        Assert.Equal(("api-key.revoked", "key_9"), (row.Action, row.Subject));
        Assert.Equal("""{"id":"key_9","amount":"1"}""", row.Before);
        Assert.Null(row.After);
        Assert.Equal("system:Reconciler", system.Actor);
        Assert.Equal(AuditRows.SystemActor("Reconciler"), system.Actor);
        Assert.Equal("""{"id":"pay_1","amount":"2.50"}""", system.After);
    }

    [Fact]
    public void An_edited_row_no_longer_verifies()
    {
        var seal = Seal('a');
        var row = new AuditRows(seal).Row("t1", Admin, "account.created", "acc_1", null, new View("acc_1", "0"), Now);

        row.Actor = "operator";

        Assert.False(seal.Verify(row));
    }
}
