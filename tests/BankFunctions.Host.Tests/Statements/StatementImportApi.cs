using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace BankFunctions.Host.Tests.Statements;

/// <summary>The statement calls the import tests share: import a file, list entries, warnings and balances.</summary>
internal static class StatementImportApi
{
    public static async Task<(HttpStatusCode Status, JsonElement Body, string Text)> ImportAsync(HttpClient admin, string account, string file)
    {
        using var content = new StringContent(file, Encoding.UTF8, "text/plain");
        var response = await admin.PostAsync($"v1/accounts/{account}/statements", content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement, text);
    }

    public static async Task<List<JsonElement>> TransactionsAsync(HttpClient viewer, string account) =>
        (await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{account}/transactions")).GetProperty("items").EnumerateArray().ToList();

    public static async Task<List<JsonElement>> WarningsAsync(HttpClient viewer, string account, string code) =>
        (await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{account}/statement-warnings")).GetProperty("items").EnumerateArray()
            .Where(w => w.GetProperty("code").GetString() == code).ToList();

    public static Task<JsonElement> BalancesAsync(HttpClient viewer, string account) =>
        viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{account}/balances");
}
