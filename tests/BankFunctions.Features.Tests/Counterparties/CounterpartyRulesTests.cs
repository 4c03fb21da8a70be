using BankFunctions.Features.Counterparties;

namespace BankFunctions.Features.Tests.Counterparties;

/// <summary>What POST and PATCH /v1/counterparties accept, and which accounts a change sends (back) to approval.</summary>
public sealed class CounterpartyRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);
    private int _ids;

    internal static CounterpartyAccountInput IbanAccount(string iban = "GB82WEST12345698765432", string? bic = "NWBKGB2L", string? id = null) =>
        new(id, null, iban, bic, null, null, null, null);

    internal static CounterpartyAccountInput CnapsAccount(string? id = null) => new(id, "cnaps", null, null, "6225880112345678", "308584000013", null, "RMB");

    private static CounterpartyInput Input(params CounterpartyAccountInput?[] accounts) =>
        new("Muster GmbH", "ap@muster.example", new AddressInput("Hauptstr. 1", "10115", "Berlin", "DE"), accounts.ToList(),
            new Dictionary<string, string> { ["erp"] = "V-1" });

    private string NewId() => "cpa_" + ++_ids;

    private CounterpartyRules.Valid Create(CounterpartyInput input, int approvals = 1) =>
        Assert.IsType<CounterpartyRules.Valid>(CounterpartyRules.Create(input, "cp_1", "key_sub", Now, approvals, NewId));

    private IReadOnlyDictionary<string, string[]> CreateErrors(CounterpartyInput input) =>
        Assert.IsType<CounterpartyRules.Invalid>(CounterpartyRules.Create(input, "cp_1", "key_sub", Now, 1, NewId)).Errors;

    [Fact]
    public void A_new_counterparty_has_its_accounts_pending_approval_by_someone_else()
    {
        var (view, changes) = Create(Input(IbanAccount("gb82 west 1234 5698 7654 32", "nwbkgb2l"), CnapsAccount()));

        Assert.Equal(("Muster GmbH", "ap@muster.example", "Berlin"), (view.Name, view.Email, view.Address!.Town));
        Assert.Equal(["cpa_1", "cpa_2"], view.Accounts.Select(a => a.Id));
        var iban = view.Accounts[0];
        Assert.Equal(("iban", "GB82WEST12345698765432", "NWBKGB2L"), (iban.Type, iban.Iban, iban.Bic));
        Assert.All(view.Accounts, a => Assert.Equal((CounterpartyWire.PendingApproval, 1, "key_sub"), (a.Status, a.ApprovalsRequired, a.RequestedBy)));
        Assert.Equal([CounterpartyRules.ChangeKind.Added, CounterpartyRules.ChangeKind.Added], changes.Select(c => c.Kind));
    }

    [Fact]
    public void A_workflow_without_account_approvals_approves_at_once()
    {
        var account = Assert.Single(Create(Input(IbanAccount()), approvals: 0).Counterparty.Accounts);
        Assert.Equal(CounterpartyWire.Approved, account.Status);
        Assert.Null(account.FirstPaymentId);
    }

    [Fact]
    public void Each_bad_field_is_named()
    {
        var errors = CreateErrors(new CounterpartyInput(" ", "not-an-email", new AddressInput(null, null, null, "Germany"),
        [
            IbanAccount("GB83WEST12345698765432"),
            IbanAccount(bic: "NWBK"),
            new CounterpartyAccountInput(null, "cnaps", null, null, "12", "999", null, null),
            new CounterpartyAccountInput(null, "domestic", null, "NWBKGB2L", "1234-5", null, null, null),
            new CounterpartyAccountInput(null, "swift", null, null, null, null, null, null),
            null,
        ], new Dictionary<string, string> { [""] = "x" }));

        Assert.Equal(
            ["accounts[0].iban", "accounts[1].bic", "accounts[2].accountNumber", "accounts[2].bankCode", "accounts[3].accountNumber",
             "accounts[3].bic", "accounts[3].country", "accounts[4].type", "accounts[5]", "address.country", "email", "metadata", "name"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_same_bank_account_twice_is_refused() =>
        Assert.Contains("accounts", CreateErrors(Input(IbanAccount(), IbanAccount(bic: null))).Keys);

    [Fact]
    public void A_change_of_bank_details_goes_back_to_approval_and_an_unchanged_account_keeps_its_state()
    {
        var created = Create(Input(IbanAccount(), CnapsAccount())).Counterparty;
        var approved = created with { Accounts = created.Accounts.Select(a => a with { Status = CounterpartyWire.Approved, FirstPaymentId = "pay_1" }).ToList() };
        var input = new CounterpartyInput(null, "", null,
            [IbanAccount("DE89370400440532013000", null, id: "cpa_1"), CnapsAccount(id: "cpa_2") with { Label = "renamed" }, IbanAccount("FR1420041010050500013M02606")], null);

        var (after, changes) = Assert.IsType<CounterpartyRules.Valid>(CounterpartyRules.Update(approved, input, "key_other", Now.AddHours(1), 2, NewId));

        Assert.Equal("Muster GmbH", after.Name);
        Assert.Null(after.Email);
        Assert.Equal("Berlin", after.Address!.Town);
        var changed = after.Accounts[0];
        Assert.Equal(("cpa_1", "DE89370400440532013000", CounterpartyWire.PendingApproval, 2, "key_other"),
            (changed.Id, changed.Iban, changed.Status, changed.ApprovalsRequired, changed.RequestedBy));
        Assert.Null(changed.FirstPaymentId);
        Assert.Equal((CounterpartyWire.Approved, "renamed", "pay_1"), (after.Accounts[1].Status, after.Accounts[1].Label, after.Accounts[1].FirstPaymentId));
        Assert.Equal(CounterpartyWire.PendingApproval, after.Accounts[2].Status);
        Assert.Equal([("cpa_1", CounterpartyRules.ChangeKind.Changed), ("cpa_3", CounterpartyRules.ChangeKind.Added)], changes.Select(c => (c.AccountId, c.Kind)));
    }

    [Fact]
    public void Leaving_an_account_out_removes_it_and_an_unknown_id_is_refused()
    {
        var created = Create(Input(IbanAccount(), CnapsAccount())).Counterparty;
        var (after, changes) = Assert.IsType<CounterpartyRules.Valid>(
            CounterpartyRules.Update(created, new CounterpartyInput(null, null, null, [CnapsAccount(id: "cpa_2")], null), "key_sub", Now, 1, NewId));
        Assert.Equal(["cpa_2"], after.Accounts.Select(a => a.Id));
        Assert.Equal([("cpa_1", CounterpartyRules.ChangeKind.Removed)], changes.Select(c => (c.AccountId, c.Kind)));

        var errors = Assert.IsType<CounterpartyRules.Invalid>(
            CounterpartyRules.Update(created, new CounterpartyInput(null, null, null, [CnapsAccount(id: "cpa_9")], null), "key_sub", Now, 1, NewId)).Errors;
        Assert.Equal(["accounts[0].id"], errors.Keys);
    }
}
