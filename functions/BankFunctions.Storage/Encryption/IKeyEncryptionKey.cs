namespace BankFunctions.Storage.Encryption;

/// <summary>
/// The key-encryption key (KEK) that wraps each tenant's data key. Only wrapped data keys are stored; the KEK never
/// leaves its holder (Key Vault) or the key file. <paramref name="kekId"/> names the KEK version that wrapped a key so
/// that a rotated KEK still unwraps data keys wrapped before the rotation.
/// </summary>
public interface IKeyEncryptionKey
{
    /// <summary>The KEK version new wraps use.</summary>
    ValueTask<string> CurrentKeyIdAsync(CancellationToken cancellationToken);

    ValueTask<byte[]> WrapAsync(string kekId, byte[] dataKey, CancellationToken cancellationToken);

    ValueTask<byte[]> UnwrapAsync(string kekId, byte[] wrappedKey, CancellationToken cancellationToken);
}
