using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace BankFunctions.Storage;

/// <summary>The three storage service clients, built once from <see cref="StorageOptions"/>.</summary>
public sealed class StorageClients
{
    public StorageClients(StorageOptions options, TokenCredential? credential)
    {
        options.Validate();
        // Base64 is what the Functions queue trigger expects by default (host.json messageEncoding).
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        if (options.UsesConnectionString)
        {
            Tables = new TableServiceClient(options.ConnectionString);
            Queues = new QueueServiceClient(options.ConnectionString, queueOptions);
            Blobs = new BlobServiceClient(options.ConnectionString);
        }
        else
        {
            var tokenCredential = credential ?? throw new InvalidOperationException("Identity-based storage needs a token credential.");
            Tables = new TableServiceClient(options.TableServiceUri!, tokenCredential);
            Queues = new QueueServiceClient(options.QueueServiceUri!, tokenCredential, queueOptions);
            Blobs = new BlobServiceClient(options.BlobServiceUri!, tokenCredential);
        }
    }

    public TableServiceClient Tables { get; }
    public QueueServiceClient Queues { get; }
    public BlobServiceClient Blobs { get; }

    public TableClient Table(string name) => Tables.GetTableClient(name);

    /// <summary>Creates every table, queue (with its poison twin) and container the system uses. Idempotent.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var table in TableNames.All)
        {
            await Tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        }
        foreach (var queue in QueueNames.All)
        {
            await Queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await Queues.GetQueueClient(QueueNames.Poison(queue)).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        foreach (var container in BlobContainers.All)
        {
            await Blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }
}
