using System.Collections.Concurrent;

namespace BankSim.Sim;

public sealed record IsoCustomer(string CustomerId, string KeyId, string PublicKeyPem);

/// <summary>A CMB-style customer: UID, symmetric SM4 key, the customer's SM2 public key, and how its bank-side approver behaves.</summary>
public sealed record CmbCustomer(string Uid, byte[] Sm4Key, string Sm2PublicKeyPem, string Behaviour);

/// <summary>Customers as the banks onboarded them (out of band: POST /_sim/customers).</summary>
public sealed class Customers
{
    private readonly ConcurrentDictionary<(string CustomerId, string KeyId), IsoCustomer> _iso = new();
    private readonly ConcurrentDictionary<string, CmbCustomer> _cmb = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HashSet<string>> _accountsByCustomer = new(StringComparer.Ordinal);

    public void RegisterIso(IsoCustomer customer) => _iso[(customer.CustomerId, customer.KeyId)] = customer;

    public void RegisterCmb(CmbCustomer customer) => _cmb[customer.Uid] = customer;

    public IsoCustomer? Iso(string customerId, string keyId) => _iso.GetValueOrDefault((customerId, keyId));

    public CmbCustomer? Cmb(string uid) => _cmb.GetValueOrDefault(uid);

    public void Own(string customer, string account) =>
        _accountsByCustomer.AddOrUpdate(customer, _ => [account], (_, set) => { lock (set) { set.Add(account); } return set; });

    public bool Owns(string customer, string account) =>
        _accountsByCustomer.TryGetValue(customer, out var set) && set.Contains(account);

    public void Reset()
    {
        _iso.Clear();
        _cmb.Clear();
        _accountsByCustomer.Clear();
    }
}
