using Azure;
using BankFunctions.Features.Http;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features;

/// <summary>Reads one page of at most <c>limit</c> rows from TenantData; storage may return short pages, so it keeps reading.</summary>
public static class TablePages
{
    public static async Task<(List<TRow> Items, string? Next)> ReadAsync<TRow>(StorageClients storage, string filter, string? continuation, int limit,
        CancellationToken cancellationToken, string table = TableNames.TenantData) where TRow : RowBase, new()
    {
        var items = new List<TRow>();
        var token = continuation;
        try
        {
            do
            {
                var want = limit - items.Count;
                await foreach (var page in storage.Table(table).QueryAsync<TRow>(filter, maxPerPage: want, cancellationToken: cancellationToken).AsPages(token, want))
                {
                    items.AddRange(page.Values);
                    token = page.ContinuationToken;
                    break;
                }
            }
            while (items.Count < limit && token is not null);
        }
        catch (RequestFailedException e) when (e.Status == 400)
        {
            throw new ProblemException(Problem.Validation("cursor", "is not a cursor this API returned."));
        }
        return (items, token);
    }
}
