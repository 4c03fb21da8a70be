using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using BankFunctions.Domain.Ids;

namespace BankFunctions.Cli.Commands;

/// <summary>
/// The options of backup, restore and verify ("--name value" and flags), and the storage account they work on:
/// --connection-string, or --account &lt;name&gt; (Entra ID: DefaultAzureCredential, e.g. `az login`; the deployed
/// account has shared keys off), or else the host's own settings (docs/CONFIGURATION.md): Storage__ConnectionString,
/// AzureWebJobsStorage, or Storage__TableServiceUri with Storage__BlobServiceUri.
/// </summary>
public sealed class BackupOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    /// <summary>Null with the reason in <paramref name="error"/> when an option is unknown or lacks its value.</summary>
    public static BackupOptions? Parse(string[] args, IReadOnlySet<string> valued, IReadOnlySet<string> flags, out string? error)
    {
        var options = new BackupOptions();
        for (var i = 0; i < args.Length; i++)
        {
            if (valued.Contains(args[i]))
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    error = $"{args[i]} needs a value";
                    return null;
                }
                options._values[args[i]] = args[++i];
            }
            else if (flags.Contains(args[i]))
            {
                options._flags.Add(args[i]);
            }
            else
            {
                error = $"unknown argument '{args[i]}'";
                return null;
            }
        }
        if (options.Value("--tenant") is { } tenant && !TenantId.IsValid(tenant))
        {
            error = $"--tenant '{tenant}' is not a tenant id ({TenantId.Pattern})";
            return null;
        }
        error = null;
        return options;
    }

    public string? Value(string name) => _values.GetValueOrDefault(name);
    public bool Flag(string name) => _flags.Contains(name);

    /// <summary>The account's table and blob clients, or null with the reason.</summary>
    public (TableServiceClient Tables, BlobServiceClient Blobs)? Account(out string? error)
    {
        error = null;
        var connection = Value("--connection-string")
            ?? Environment.GetEnvironmentVariable("Storage__ConnectionString")
            ?? Environment.GetEnvironmentVariable("AzureWebJobsStorage");
        if (Value("--account") is { } name)
        {
            return IdentityClients(new Uri($"https://{name}.table.core.windows.net/"), new Uri($"https://{name}.blob.core.windows.net/"));
        }
        if (!string.IsNullOrWhiteSpace(connection))
        {
            return (new TableServiceClient(connection), new BlobServiceClient(connection));
        }
        if (Uri.TryCreate(Environment.GetEnvironmentVariable("Storage__TableServiceUri"), UriKind.Absolute, out var tables)
            && Uri.TryCreate(Environment.GetEnvironmentVariable("Storage__BlobServiceUri"), UriKind.Absolute, out var blobs))
        {
            return IdentityClients(tables, blobs);
        }
        error = "no storage account: pass --connection-string or --account <name>, or set Storage__ConnectionString " +
            "(or AzureWebJobsStorage, or Storage__TableServiceUri and Storage__BlobServiceUri)";
        return null;
    }

    private static (TableServiceClient, BlobServiceClient) IdentityClients(Uri tables, Uri blobs)
    {
        // Needs Storage Table Data Contributor and Storage Blob Data Contributor (Reader for a backup) on the account.
        var credential = new DefaultAzureCredential();
        return (new TableServiceClient(tables, credential), new BlobServiceClient(blobs, credential));
    }
}
