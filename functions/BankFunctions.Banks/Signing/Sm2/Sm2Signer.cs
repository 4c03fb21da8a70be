namespace BankFunctions.Banks.Signing.Sm2;

/// <summary>SM3-with-SM2 signer; output is raw r‖s (32 + 32 bytes) as Chinese bank APIs expect.</summary>
public sealed class Sm2Signer : ISigner
{
    private readonly ISm2KeySource _keys;
    private readonly byte[] _userId;

    /// <param name="userId">SM2 distinguishing id; null = GM/T 0009 default "1234567812345678".</param>
    public Sm2Signer(ISm2KeySource keys, string keyId, byte[]? userId = null)
    {
        _keys = keys;
        KeyId = keyId;
        _userId = userId ?? Sm2Crypto.DefaultUserId;
    }

    public string KeyId { get; }

    public string Algorithm => SignatureAlgorithms.SM2SM3;

    public async Task<SignatureResult> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var key = await _keys.GetPrivateKeyAsync(cancellationToken).ConfigureAwait(false);
        return new SignatureResult(Sm2Crypto.Sign(key, _userId, data.Span), Algorithm, KeyId);
    }

    public async Task<string> GetPublicKeyPemAsync(CancellationToken cancellationToken)
    {
        var key = await _keys.GetPrivateKeyAsync(cancellationToken).ConfigureAwait(false);
        return Sm2Crypto.ToPublicKeyPem(Sm2Crypto.PublicKeyOf(key));
    }
}
