using System.Net.Http.Headers;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Screening;

/// <summary>Loading the hand-written list samples (tests/TestData/screening) through the operator route.</summary>
internal static class ScreeningLists
{
    public static string SamplePath(string file) => RepoPaths.Combine("tests", "TestData", "screening", file);

    public static async Task<HttpResponseMessage> PutAsync(HttpClient client, string source, byte[] body, string contentType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await client.PutAsync($"v1/admin/screening-lists/{source}", content);
    }

    public static async Task<HttpResponseMessage> PutSampleAsync(HttpClient client, string source, string file, string contentType) =>
        await PutAsync(client, source, await File.ReadAllBytesAsync(SamplePath(file)), contentType);
}
