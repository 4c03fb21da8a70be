using Azure.Data.Tables;
using Azure.Storage.Blobs;
using BankFunctions.Domain.Ids;

namespace BankFunctions.Cli.Commands;

/// <summary>
/// The options of backup, restore and verify ("--name value" and flags), and the storage account they work on: the
/// host's own settings, Storage__ConnectionString or else AzureWebJobsStorage (docs/CONFIGURATION.md), or
/// --connection-string. A shared-key or SAS connection string: the account's data, not its management.
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

    /// <summary>The account's connection string, or null with the reason.</summary>
    public string? ConnectionString(out string? error)
    {
        var value = Value("--connection-string")
            ?? Environment.GetEnvironmentVariable("Storage__ConnectionString")
            ?? Environment.GetEnvironmentVariable("AzureWebJobsStorage");
        error = string.IsNullOrWhiteSpace(value)
            ? "no storage account: pass --connection-string or set Storage__ConnectionString (or AzureWebJobsStorage)"
            : null;
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    public static (TableServiceClient Tables, BlobServiceClient Blobs) Clients(string connectionString) =>
        (new TableServiceClient(connectionString), new BlobServiceClient(connectionString));
}
