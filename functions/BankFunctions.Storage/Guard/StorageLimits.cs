using System.Reflection;
using System.Text;
using Azure.Data.Tables;

namespace BankFunctions.Storage.Guard;

/// <summary>
/// The Azure Table and Queue limits that Azurite does not enforce (ARCHITECTURE.md §3), checked in code before every
/// write so that what passes locally also passes in Azure. Sizes follow the documented entity size formula:
/// 4 bytes + 2 × len(PartitionKey + RowKey) + per property 8 bytes + 2 × len(name) + the value's size.
/// </summary>
public static class StorageLimits
{
    public const int MaxEntityBytes = 1024 * 1024;
    public const int MaxCustomProperties = 252;
    public const int MaxStringChars = 32 * 1024;
    public const int MaxBinaryBytes = 64 * 1024;
    public const int MaxKeyChars = 512;
    public const int MaxBatchEntities = 100;
    public const int MaxBatchBytes = 4 * 1024 * 1024;
    /// <summary>A queue message may be 64 KiB encoded; Base64 turns 3 bytes into 4, leaving 48 KiB of raw bytes.</summary>
    public const int MaxQueueMessageRawBytes = 48 * 1024;

    private static readonly HashSet<string> SystemProperties = ["PartitionKey", "RowKey", "Timestamp", "ETag", "odata.etag"];

    public static void CheckKey(string name, string key)
    {
        if (key.Length > MaxKeyChars)
        {
            throw new StorageLimitException($"{name} is {key.Length} characters; Azure allows {MaxKeyChars}.");
        }
        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || c <= '\u001F' || (c >= '\u007F' && c <= '\u009F'))
            {
                throw new StorageLimitException($"{name} contains '{(char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString())}', which Azure Tables does not allow in keys.");
            }
        }
    }

    /// <summary>Checks one entity and returns its size in bytes by the documented formula.</summary>
    public static long CheckEntity(ITableEntity entity)
    {
        CheckKey("PartitionKey", entity.PartitionKey ?? "");
        CheckKey("RowKey", entity.RowKey ?? "");
        long size = 4 + (2L * ((entity.PartitionKey?.Length ?? 0) + (entity.RowKey?.Length ?? 0)));
        var count = 0;
        foreach (var (name, value) in Properties(entity))
        {
            count++;
            size += 8 + (2L * name.Length) + ValueSize(name, value);
        }
        if (count > MaxCustomProperties)
        {
            throw new StorageLimitException($"The entity has {count} properties; Azure allows {MaxCustomProperties} besides the system ones.");
        }
        if (size > MaxEntityBytes)
        {
            throw new StorageLimitException($"The entity is {size} bytes; Azure allows {MaxEntityBytes}.");
        }
        return size;
    }

    public static void CheckBatch(IReadOnlyCollection<TableTransactionAction> actions)
    {
        if (actions.Count == 0)
        {
            throw new StorageLimitException("An entity-group transaction needs at least one operation.");
        }
        if (actions.Count > MaxBatchEntities)
        {
            throw new StorageLimitException($"An entity-group transaction has {actions.Count} operations; Azure allows {MaxBatchEntities}.");
        }
        var partition = actions.First().Entity.PartitionKey;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var action in actions)
        {
            if (action.Entity.PartitionKey != partition)
            {
                throw new StorageLimitException("An entity-group transaction must stay in one partition.");
            }
            if (!seen.Add(action.Entity.RowKey))
            {
                throw new StorageLimitException($"Row '{action.Entity.RowKey}' appears twice in one entity-group transaction.");
            }
            total += CheckEntity(action.Entity);
        }
        if (total > MaxBatchBytes)
        {
            throw new StorageLimitException($"The entity-group transaction carries {total} bytes; Azure allows {MaxBatchBytes}.");
        }
    }

    public static bool FitsQueueMessage(string body) => Encoding.UTF8.GetByteCount(body) <= MaxQueueMessageRawBytes;

    public static void CheckQueueMessage(string body)
    {
        var bytes = Encoding.UTF8.GetByteCount(body);
        if (bytes > MaxQueueMessageRawBytes)
        {
            throw new StorageLimitException($"The queue message is {bytes} bytes; at most {MaxQueueMessageRawBytes} fit in 64 KiB after Base64.");
        }
    }

    private static long ValueSize(string name, object? value) => value switch
    {
        null => 0,
        string s when s.Length > MaxStringChars => throw new StorageLimitException($"Property {name} is {s.Length} characters; Azure allows {MaxStringChars}."),
        string s => 4 + (2L * s.Length),
        byte[] b when b.Length > MaxBinaryBytes => throw new StorageLimitException($"Property {name} is {b.Length} bytes; Azure allows {MaxBinaryBytes}."),
        byte[] b => 4 + b.Length,
        BinaryData d when d.ToMemory().Length > MaxBinaryBytes => throw new StorageLimitException($"Property {name} is {d.ToMemory().Length} bytes; Azure allows {MaxBinaryBytes}."),
        BinaryData d => 4 + d.ToMemory().Length,
        bool => 1,
        DateTime or DateTimeOffset or double or long => 8,
        int => 4,
        Guid => 16,
        _ => 8,
    };

    private static IEnumerable<(string Name, object? Value)> Properties(ITableEntity entity)
    {
        if (entity is IDictionary<string, object> dictionary)
        {
            foreach (var (k, v) in dictionary)
            {
                if (!SystemProperties.Contains(k) && !k.EndsWith("@odata.type", StringComparison.Ordinal))
                {
                    yield return (k, v);
                }
            }
            yield break;
        }
        foreach (var property in entity.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!SystemProperties.Contains(property.Name) && property.CanRead && property.GetIndexParameters().Length == 0
                && !property.IsDefined(typeof(System.Runtime.Serialization.IgnoreDataMemberAttribute), inherit: true))
            {
                yield return (property.Name, property.GetValue(entity));
            }
        }
    }
}
