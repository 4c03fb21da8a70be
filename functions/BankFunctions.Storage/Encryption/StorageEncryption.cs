namespace BankFunctions.Storage.Encryption;

/// <summary>What <see cref="StorageClients"/> needs to encrypt at rest: the options and the KEK they selected.</summary>
public sealed record StorageEncryption(EncryptionOptions Options, IKeyEncryptionKey Kek, TimeProvider Clock);
