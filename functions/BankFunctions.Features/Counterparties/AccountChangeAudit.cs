using BankFunctions.Features.Auth;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Counterparties;

/// <summary>One audit row per account added, changed or removed, beside the counterparty's own row in the same transaction.</summary>
public static class AccountChangeAudit
{
    public static IEnumerable<AuditRow> Rows(AuditRows audit, string tenantId, Caller caller, CounterpartyView? before, CounterpartyView after,
        IReadOnlyList<CounterpartyRules.AccountChange> changes, DateTimeOffset now) =>
        changes.Select(change => audit.Row(tenantId, caller, change.Kind switch
            {
                CounterpartyRules.ChangeKind.Added => "counterparty.account-added",
                CounterpartyRules.ChangeKind.Changed => "counterparty.account-changed",
                _ => "counterparty.account-removed",
            },
            after.Id + "/" + change.AccountId,
            before?.Accounts.FirstOrDefault(a => a.Id == change.AccountId),
            after.Accounts.FirstOrDefault(a => a.Id == change.AccountId), now));
}
