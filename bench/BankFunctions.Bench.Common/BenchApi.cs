using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace BankFunctions.Bench.Common;

/// <summary>Small helpers for calling the gateway's public API.</summary>
public static class BenchApi
{
    public static HttpClient Client(Uri baseUri, string key)
    {
        var client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static async Task<JsonElement> Post(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement : throw new InvalidOperationException($"{path}: {text}");
    }
}
