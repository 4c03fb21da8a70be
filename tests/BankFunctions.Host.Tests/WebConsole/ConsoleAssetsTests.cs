using System.Net;
using System.Text.Json;
using BankFunctions.Features.WebConsole;
using BankFunctions.TestSupport;
using Microsoft.Playwright;

namespace BankFunctions.Host.Tests.WebConsole;

/// <summary>GET /console/{*path}: the embedded files with their types, the console's CSP, revalidation by ETag, client routes and 404s.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleAssetsTests(HostFixture host, ChromiumFixture chromium)
{
    [Theory]
    [InlineData("console/", "text/html")]
    [InlineData("console", "text/html")]
    [InlineData("console/payments/new", "text/html")]
    [InlineData("console/app.js", "text/javascript")]
    [InlineData("console/pages/payments.js", "text/javascript")]
    [InlineData("console/console.css", "text/css")]
    public async Task Files_and_client_routes_are_served_with_the_console_headers(string path, string mediaType)
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([ConsoleAssets.ContentSecurityPolicy], response.Headers.GetValues("Content-Security-Policy"));
        Assert.True(response.Headers.CacheControl?.NoCache, $"Cache-Control {response.Headers.CacheControl}");
        Assert.False(response.Headers.CacheControl?.NoStore);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);

        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(etag);
        var revalidated = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("console/missing.js")]
    [InlineData("console/pages/missing.css")]
    public async Task An_unknown_file_is_a_404_problem(string path)
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_index_names_only_its_own_files_and_no_script_runs_inline()
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var html = await client.GetStringAsync("console/");
        Assert.Contains("<script type=\"module\" src=\"/console/app.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Data reaches the page only as text: no script of the console parses HTML or evaluates strings.</summary>
    [Fact]
    public void No_console_script_writes_html_or_evaluates_strings()
    {
        var root = RepoPaths.Combine("functions", "BankFunctions.Features", "WebConsole", "wwwroot");
        var scripts = Directory.GetFiles(root, "*.js", SearchOption.AllDirectories);
        Assert.NotEmpty(scripts);
        string[] forbidden = ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setTimeout('", "DOMParser"];
        var found = scripts.SelectMany(f => forbidden.Where(w => File.ReadAllText(f).Contains(w, StringComparison.Ordinal))
            .Select(w => $"{Path.GetRelativePath(root, f)}: {w}")).ToList();
        Assert.Empty(found);
    }

    /// <summary>The CSV reader the batch page uses, run in the browser as the page runs it (RFC 4180 quoting).</summary>
    [Fact]
    public async Task The_csv_reader_follows_rfc_4180()
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        try
        {
            var page = await context.NewPageAsync();
            await page.RouteAsync("**/v1/me", route => route.FulfillAsync(new RouteFulfillOptions { Status = 401, ContentType = "application/problem+json", Body = "{}" }));
            await page.GotoAsync("/console/");
            var parsed = await page.EvaluateAsync<string[][]>(""""
                async () => (await import('/console/csv.js')).parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""","two\nlines"\n1,,3\n\n')
                """");
            Assert.Equal([["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["1", "", "3"]], parsed);
            var ibans = await page.EvaluateAsync<bool[]>("""
                async () => { const { ibanLooksValid } = await import('/console/csv.js');
                  return ['DE89 3704 0044 0532 0130 00', 'GB82WEST12345698765432', 'DE89370400440532013001', 'XX'].map(ibanLooksValid); }
                """);
            Assert.Equal([true, true, false, false], ibans);
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
