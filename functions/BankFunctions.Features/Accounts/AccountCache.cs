using System.Collections.Concurrent;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Accounts;

/// <summary>
/// Accounts never change after registration, so each instance keeps those it has read: accepting a payment then
/// costs no account read. Misses are not cached (an account registered a moment ago is found on the next call).
/// </summary>
public sealed class AccountCache(StorageClients storage)
{
    private readonly ConcurrentDictionary<(string Tenant, string Account), AccountRow> _accounts = new();

    public async Task<AccountRow?> FindAsync(string tenantId, string accountId, CancellationToken cancellationToken)
    {
        if (_accounts.TryGetValue((tenantId, accountId), out var cached))
        {
            return cached;
        }
        if (accountId.Length > 100 || !accountId.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            return null;
        }
        var row = await AccountLookup.FindAsync(storage, tenantId, accountId, cancellationToken);
        if (row is not null)
        {
            _accounts[(tenantId, accountId)] = row;
        }
        return row;
    }
}
