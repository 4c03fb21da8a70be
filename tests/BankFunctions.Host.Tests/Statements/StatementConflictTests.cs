using System.Net;
using static BankFunctions.Host.Tests.Statements.StatementFiles;
using static BankFunctions.Host.Tests.Statements.StatementImportApi;

namespace BankFunctions.Host.Tests.Statements;

/// <summary>
/// A bank reference is unique only within the bank's own scope and time (BankSim starts again after a restart):
/// a new booking that carries a stored entry's reference with another amount, date or direction is stored, and
/// reported as a statement.conflict warning — never dropped (issue #19 item 2).
/// </summary>
[Collection(HostCollection.Name)]
public sealed class StatementConflictTests(HostFixture host)
{
    private const string Iban = "DE89370400440532013000";
    private const string Reused = "ISO2026112700000001";
    private static readonly DateOnly Day1 = new(2026, 11, 27);
    private static readonly DateOnly Day2 = new(2026, 11, 28);

    [Fact]
    public async Task A_new_booking_with_a_reused_bank_reference_is_stored_and_raises_a_conflict_warning()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        Assert.Equal(1, (await ImportAsync(admin, tenant.EurAccount, Camt(false, Iban, "BEFORE", 1000m, [new(Reused, -125.00m, Day1, false, "E2E-OLD")]))).Body.GetProperty("stored").GetInt32());

        // After the restart: another amount, another day, the other direction — three different bookings.
        var afterRestart = new[]
        {
            Camt(false, Iban, "AFTER1", 875m, [new(Reused, -77.00m, Day1, false, "E2E-NEW")]),
            Camt(false, Iban, "AFTER2", 798m, [new(Reused, -125.00m, Day2, false, "E2E-NEW2")]),
            Camt(false, Iban, "AFTER3", 673m, [new(Reused, 125.00m, Day2, false, "E2E-NEW3")]),
        };
        foreach (var file in afterRestart)
        {
            var imported = await ImportAsync(admin, tenant.EurAccount, file);
            Assert.Equal(HttpStatusCode.OK, imported.Status);
            Assert.Equal(1, imported.Body.GetProperty("stored").GetInt32());
        }

        var entries = await TransactionsAsync(viewer, tenant.EurAccount);
        Assert.Equal(4, entries.Count);
        Assert.All(entries, e => Assert.Equal(Reused, e.GetProperty("bankReference").GetString()));
        Assert.Contains(entries, e => e.GetProperty("amount").GetString() == "-77.00");
        var conflicts = await WarningsAsync(viewer, tenant.EurAccount, "statement.conflict");
        Assert.Equal(3, conflicts.Count);
        Assert.Contains(conflicts, w => w.GetProperty("message").GetString()!.Contains("-77.00", StringComparison.Ordinal)
            && w.GetProperty("message").GetString()!.Contains("-125.00", StringComparison.Ordinal)
            && w.GetProperty("message").GetString()!.Contains(Reused, StringComparison.Ordinal));

        // Importing them again changes nothing and warns no more.
        foreach (var file in afterRestart)
        {
            var again = await ImportAsync(admin, tenant.EurAccount, file);
            Assert.Equal(0, again.Body.GetProperty("stored").GetInt32());
            Assert.Equal(1, again.Body.GetProperty("duplicates").GetInt32());
        }
        Assert.Equal(4, (await TransactionsAsync(viewer, tenant.EurAccount)).Count);
        Assert.Equal(3, (await WarningsAsync(viewer, tenant.EurAccount, "statement.conflict")).Count);
    }

    [Fact]
    public async Task Bookings_of_a_day_sharing_a_truncated_reference_raise_no_conflict_when_a_file_of_only_some_came_first()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        var shared = Reused[..16]; // MT940's cut: two bookings of the day whose longer references begin alike
        // An intraday file with only the second booking, then the day's statement with both.
        Assert.Equal(1, (await ImportAsync(admin, tenant.EurAccount, Mt940(Iban, 1, 1000m, [new(Day1, -20.00m, null, shared, "Second")]))).Body.GetProperty("stored").GetInt32());
        var day = await ImportAsync(admin, tenant.EurAccount, Mt940(Iban, 2, 1000m, [new(Day1, -10.00m, null, shared, "First"), new(Day1, -20.00m, null, shared, "Second")]));
        Assert.Equal((1, 1), (day.Body.GetProperty("stored").GetInt32(), day.Body.GetProperty("duplicates").GetInt32()));

        Assert.Equal(2, (await TransactionsAsync(viewer, tenant.EurAccount)).Count);
        Assert.Empty(await WarningsAsync(viewer, tenant.EurAccount, "statement.conflict"));
        var again = await ImportAsync(admin, tenant.EurAccount, Mt940(Iban, 2, 1000m, [new(Day1, -10.00m, null, shared, "First"), new(Day1, -20.00m, null, shared, "Second")]));
        Assert.Equal(0, again.Body.GetProperty("stored").GetInt32());
        Assert.Equal(2, (await TransactionsAsync(viewer, tenant.EurAccount)).Count);
    }

    [Fact]
    public async Task A_full_reference_that_replaces_mt940s_truncation_is_indexed_so_its_reuse_is_found()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        Assert.Equal(1, (await ImportAsync(admin, tenant.EurAccount, Mt940(Iban, 1, 1000m, [new(Day1, -125.00m, null, Reused[..16], "Invoice")]))).Body.GetProperty("stored").GetInt32());

        var full = await ImportAsync(admin, tenant.EurAccount, Camt(false, Iban, "FULL", 1000m, [new(Reused, -125.00m, Day1, false)]));
        Assert.Equal(0, full.Body.GetProperty("stored").GetInt32());
        Assert.Equal(Reused, Assert.Single(await TransactionsAsync(viewer, tenant.EurAccount)).GetProperty("bankReference").GetString());

        var reused = await ImportAsync(admin, tenant.EurAccount, Camt(false, Iban, "REUSED", 875m, [new(Reused, -77.00m, Day1, false)]));
        Assert.Equal(1, reused.Body.GetProperty("stored").GetInt32());
        Assert.Single(await WarningsAsync(viewer, tenant.EurAccount, "statement.conflict"));
    }

    [Fact]
    public async Task A_pending_entry_booked_on_a_later_day_moves_there_without_a_conflict()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        await ImportAsync(admin, tenant.EurAccount, Camt(true, Iban, "RPT", 500m, [new("PEND-1", -40m, Day1, Pending: true)]));

        var booked = await ImportAsync(admin, tenant.EurAccount, Camt(false, Iban, "STMT", 500m, [new("PEND-1", -40m, Day2, Pending: false)]));

        Assert.Equal(1, booked.Body.GetProperty("upgraded").GetInt32());
        var entry = Assert.Single(await TransactionsAsync(viewer, tenant.EurAccount));
        Assert.Equal("booked", entry.GetProperty("status").GetString());
        Assert.Equal("2026-11-28", entry.GetProperty("bookingDate").GetString());
        Assert.Empty(await WarningsAsync(viewer, tenant.EurAccount, "statement.conflict"));
    }

    [Fact]
    public async Task The_pending_report_of_a_booking_already_moved_to_its_booked_day_is_a_duplicate()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        var intraday = Camt(true, Iban, "RPT", 500m, [new("PEND-1", -40m, Day1, Pending: true)]);
        await ImportAsync(admin, tenant.EurAccount, intraday);
        await ImportAsync(admin, tenant.EurAccount, Camt(false, Iban, "STMT", 500m, [new("PEND-1", -40m, Day2, Pending: false)]));

        var late = await ImportAsync(admin, tenant.EurAccount, intraday); // the intraday report again, after the booking

        Assert.Equal((0, 1), (late.Body.GetProperty("stored").GetInt32(), late.Body.GetProperty("duplicates").GetInt32()));
        Assert.Equal("booked", Assert.Single(await TransactionsAsync(viewer, tenant.EurAccount)).GetProperty("status").GetString());
        Assert.Empty(await WarningsAsync(viewer, tenant.EurAccount, "statement.conflict"));
    }

    [Fact]
    public async Task A_booking_behind_a_slot_emptied_by_a_move_is_still_found()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        // Two pending entries of the same amount and day (slots 0 and 1); the first is booked the next day and moves.
        await ImportAsync(admin, tenant.EurAccount, Camt(true, Iban, "RPT", 500m, [new("PEND-A", -40m, Day1, Pending: true), new("PEND-B", -40m, Day1, Pending: true)]));
        await ImportAsync(admin, tenant.EurAccount, Camt(false, Iban, "STMT", 500m, [new("PEND-A", -40m, Day2, Pending: false)]));

        var onlyB = await ImportAsync(admin, tenant.EurAccount, Camt(true, Iban, "RPT2", 500m, [new("PEND-B", -40m, Day1, Pending: true)]));

        Assert.Equal((0, 1), (onlyB.Body.GetProperty("stored").GetInt32(), onlyB.Body.GetProperty("duplicates").GetInt32()));
        Assert.Equal(2, (await TransactionsAsync(viewer, tenant.EurAccount)).Count);
        Assert.Empty(await WarningsAsync(viewer, tenant.EurAccount, "statement.conflict"));
    }
}
