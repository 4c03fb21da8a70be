using Azure;
using Azure.Data.Tables;

namespace BankFunctions.Storage.Rows;

/// <summary>The four system properties every table entity has.</summary>
public abstract class RowBase : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
}
