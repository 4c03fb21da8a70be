namespace BankFunctions.Bench.Common;

/// <summary>
/// Names a storage request by what it touches without its ids: the method, the table, queue or container, and for a
/// table entity the kind of row (the row key up to its first '|', e.g. "idem" or "acct").
/// </summary>
public static class StorageOperationKind
{
    public static string Of(string method, Uri uri)
    {
        // Azurite's path style: /{account}/{resource}...; the account segment is dropped.
        var path = Uri.UnescapeDataString(uri.AbsolutePath).Trim('/');
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var resource = slash < 0 ? "" : path[(slash + 1)..];
        var open = resource.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            var query = uri.Query.Contains("$filter", StringComparison.Ordinal) ? " (query)" : "";
            return $"{method} {resource}{query}";
        }
        var table = resource[..open];
        var rowKey = resource.IndexOf("RowKey='", StringComparison.Ordinal) is var at and >= 0 ? resource[(at + 8)..] : "";
        var bar = rowKey.IndexOfAny(['|', '\'']);
        return $"{method} {table} {(bar < 0 ? rowKey : rowKey[..bar])}|";
    }
}
