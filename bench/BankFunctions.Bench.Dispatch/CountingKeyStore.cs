using BankFunctions.Banks.Signing;

namespace BankFunctions.Bench.Dispatch;

/// <summary>Counts signing operations (what Key Vault would bill and throttle) around the configured key store.</summary>
public sealed class CountingKeyStore(ISigningKeyStore inner) : ISigningKeyStore
{
    private long _signatures;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _byKey = new(StringComparer.Ordinal);

    public long Signatures => Interlocked.Read(ref _signatures);

    /// <summary>Signatures made with one key (a payroll file's key is the ISO connection's; CMB status polls use another).</summary>
    public long SignaturesWith(string keyId) => _byKey.GetValueOrDefault(keyId);

    public Task<SigningKeyInfo> CreateKeyAsync(string connectionId, SigningKeyKind kind, CancellationToken cancellationToken) =>
        inner.CreateKeyAsync(connectionId, kind, cancellationToken);

    public ISigner GetSigner(string keyId, string algorithm, byte[]? sm2UserId = null) => new Counting(inner.GetSigner(keyId, algorithm, sm2UserId), this);

    private sealed class Counting(ISigner signer, CountingKeyStore owner) : ISigner
    {
        public string KeyId => signer.KeyId;
        public string Algorithm => signer.Algorithm;

        public Task<SignatureResult> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref owner._signatures);
            owner._byKey.AddOrUpdate(signer.KeyId, 1, (_, n) => n + 1);
            return signer.SignAsync(data, cancellationToken);
        }

        public Task<string> GetPublicKeyPemAsync(CancellationToken cancellationToken) => signer.GetPublicKeyPemAsync(cancellationToken);
    }
}
