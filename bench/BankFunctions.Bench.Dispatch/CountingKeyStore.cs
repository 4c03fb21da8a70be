using BankFunctions.Banks.Signing;

namespace BankFunctions.Bench.Dispatch;

/// <summary>Counts signing operations (what Key Vault would bill and throttle) around the configured key store.</summary>
public sealed class CountingKeyStore(ISigningKeyStore inner) : ISigningKeyStore
{
    private long _signatures;

    public long Signatures => Interlocked.Read(ref _signatures);

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
            return signer.SignAsync(data, cancellationToken);
        }

        public Task<string> GetPublicKeyPemAsync(CancellationToken cancellationToken) => signer.GetPublicKeyPemAsync(cancellationToken);
    }
}
