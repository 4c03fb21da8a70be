using System.Net.Http.Json;
using System.Text.Json;

namespace BankFunctions.Host.Tests.Receivables;

/// <summary>The manual-matching calls the route and end-to-end tests share.</summary>
internal static class ManualMatchingApi
{
    public static async Task<List<JsonElement>> UnmatchedAsync(HttpClient viewer, string account) =>
        (await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{account}/transactions/unmatched")).GetProperty("items").EnumerateArray().ToList();

    public static JsonElement? Find(List<JsonElement> unmatched, string entryId) =>
        unmatched.Select(i => (JsonElement?)i).FirstOrDefault(i => i!.Value.GetProperty("transaction").GetProperty("id").GetString() == entryId);

    public static string EntryId(JsonElement item) => item.GetProperty("transaction").GetProperty("id").GetString()!;

    public static Task<HttpResponseMessage> MatchAsync(HttpClient client, string account, string entryId, object body, string? key = null) =>
        PostAsync(client, $"v1/accounts/{account}/transactions/{entryId}/match", body, key);

    public static Task<HttpResponseMessage> UnmatchAsync(HttpClient client, string account, string entryId, object body, string? key = null) =>
        PostAsync(client, $"v1/accounts/{account}/transactions/{entryId}/unmatch", body, key);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString("N"));
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>The field names of a 400 problem (and that it is one).</summary>
    public static async Task<HashSet<string>> ErrorsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, text);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
    }
}
