namespace BankFunctions.Storage.Guard;

/// <summary>A write that Azure Storage would refuse (Azurite would not): refused here, before anything is sent.</summary>
public sealed class StorageLimitException(string message) : Exception(message);
