namespace BankFunctions.Storage;

/// <summary>
/// Where state lives. Locally a connection string (Azurite); in Azure identity-based service URIs with the
/// app's managed identity (shared-key access is off there). See docs/CONFIGURATION.md.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string? ConnectionString { get; set; }
    public Uri? TableServiceUri { get; set; }
    public Uri? QueueServiceUri { get; set; }
    public Uri? BlobServiceUri { get; set; }

    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    public void Validate()
    {
        if (!UsesConnectionString && (TableServiceUri is null || QueueServiceUri is null || BlobServiceUri is null))
        {
            throw new InvalidOperationException(
                "Storage is not configured: set Storage__ConnectionString (or AzureWebJobsStorage), or all of " +
                "Storage__TableServiceUri, Storage__QueueServiceUri and Storage__BlobServiceUri.");
        }
    }
}
