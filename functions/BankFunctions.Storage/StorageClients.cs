using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using BankFunctions.Storage.Encryption;

namespace BankFunctions.Storage;

/// <summary>The three storage service clients, built once from <see cref="StorageOptions"/>.</summary>
public sealed class StorageClients
{
    /// <param name="policy">An extra pipeline policy on every client (diagnostics: the benchmarks count storage operations with it).</param>
    /// <param name="encryption">When set, tables and blobs are encrypted at rest through pipeline policies (docs/ENCRYPTION.md).</param>
    public StorageClients(StorageOptions options, TokenCredential? credential, HttpPipelinePolicy? policy = null, StorageEncryption? encryption = null)
    {
        options.Validate();
        // Base64 is what the Functions queue trigger expects by default (host.json messageEncoding).
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var tableOptions = new TableClientOptions();
        var blobOptions = new BlobClientOptions();
        if (policy is not null)
        {
            queueOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
            tableOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
            blobOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        }
        var rawQueueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        if (policy is not null)
        {
            rawQueueOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        }
        TableServiceClient? rawTables = null;
        if (encryption is not null)
        {
            // The key table is read without the encryption policy (it holds only wrapped keys); the caller's policy
            // (a benchmark's operation counter) sees these requests too.
            var rawTableOptions = new TableClientOptions();
            if (policy is not null)
            {
                rawTableOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
            }
            var keys = options.UsesConnectionString
                ? new TableServiceClient(options.ConnectionString, rawTableOptions)
                : new TableServiceClient(options.TableServiceUri!, credential ?? throw new InvalidOperationException("Identity-based storage needs a token credential."), rawTableOptions);
            KeyRing = new TenantKeyRing(keys.GetTableClient(TableNames.TenantKeys), encryption.Kek, encryption.Clock, encryption.Options.DataKeyCacheTime);
            rawTables = keys;
            // Per call, not per retry: a retried request must not be sealed twice.
            tableOptions.AddPolicy(new TableEncryptionPolicy(KeyRing, encryption.Options.Enabled), HttpPipelinePosition.PerCall);
            blobOptions.AddPolicy(new BlobEncryptionPolicy(KeyRing, encryption.Options.Enabled), HttpPipelinePosition.PerCall);
        }
        if (options.UsesConnectionString)
        {
            Tables = new TableServiceClient(options.ConnectionString, tableOptions);
            Queues = new QueueServiceClient(options.ConnectionString, queueOptions);
            RawQueues = new QueueServiceClient(options.ConnectionString, rawQueueOptions);
            Blobs = new BlobServiceClient(options.ConnectionString, blobOptions);
        }
        else
        {
            var tokenCredential = credential ?? throw new InvalidOperationException("Identity-based storage needs a token credential.");
            Tables = new TableServiceClient(options.TableServiceUri!, tokenCredential, tableOptions);
            Queues = new QueueServiceClient(options.QueueServiceUri!, tokenCredential, queueOptions);
            RawQueues = new QueueServiceClient(options.QueueServiceUri!, tokenCredential, rawQueueOptions);
            Blobs = new BlobServiceClient(options.BlobServiceUri!, tokenCredential, blobOptions);
        }
        if (rawTables is not null)
        {
            // The stored form of blobs, envelopes as they are: the re-seal reads their versions.
            var rawBlobOptions = new BlobClientOptions();
            if (policy is not null)
            {
                rawBlobOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
            }
            var rawBlobs = options.UsesConnectionString
                ? new BlobServiceClient(options.ConnectionString, rawBlobOptions)
                : new BlobServiceClient(options.BlobServiceUri!, credential!, rawBlobOptions);
            Reseal = new DataKeyReseal(rawTables, rawBlobs, Tables, Blobs);
        }
    }

    /// <summary>The tenants' data keys when encryption at rest is configured, else null.</summary>
    public TenantKeyRing? KeyRing { get; }

    /// <summary>Re-seals a tenant's values under its newest data key (docs/ENCRYPTION.md "Rotation") when encryption at rest is configured, else null.</summary>
    public DataKeyReseal? Reseal { get; }

    /// <summary>
    /// The value a lookup column or key holds for <paramref name="value"/>: its keyed hash (HMAC-SHA256 under the
    /// tenant's lookup key) when encryption is on, so equality search works without the value in clear; else the value.
    /// </summary>
    public async ValueTask<string> LookupValueAsync(string tenant, string value, CancellationToken cancellationToken) =>
        KeyRing is null ? value : "h:" + await KeyRing.LookupHashAsync(tenant, value, cancellationToken).ConfigureAwait(false);

    public TableServiceClient Tables { get; }
    public QueueServiceClient Queues { get; }
    /// <summary>Queues without message encoding: the queue processor decodes Base64 itself so undecodable messages can be poisoned.</summary>
    public QueueServiceClient RawQueues { get; }
    public BlobServiceClient Blobs { get; }

    public TableClient Table(string name) => Tables.GetTableClient(name);

    /// <summary>
    /// Creates every table, queue (with its poison twin) and container the system uses. Idempotent. Where the identity
    /// may use data but not create resources (403), they are left to the deployment (infra/ provisions every one).
    /// </summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var table in TableNames.All)
        {
            await Provisioned(() => Tables.CreateTableIfNotExistsAsync(table, cancellationToken));
        }
        foreach (var queue in QueueNames.All)
        {
            await Provisioned(() => Queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
            await Provisioned(() => Queues.GetQueueClient(QueueNames.Poison(queue)).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        }
        foreach (var container in BlobContainers.All)
        {
            await Provisioned(() => Blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        }
    }

    private static async Task Provisioned(Func<Task> create)
    {
        try
        {
            await create();
        }
        catch (Azure.RequestFailedException e) when (e.Status == 403)
        {
            // Not allowed to create: the resource is the deployment's to provide.
        }
    }
}
