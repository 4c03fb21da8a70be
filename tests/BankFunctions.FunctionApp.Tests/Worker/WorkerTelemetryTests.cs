using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using BankFunctions.FunctionApp.Tests.Driver;
using BankFunctions.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BankFunctions.FunctionApp.Tests.Worker;

/// <summary>
/// With APPLICATIONINSIGHTS_CONNECTION_STRING set, the worker exports OpenTelemetry to Application Insights. The
/// connection string points ingestion (and live metrics) at a loopback listener that keeps what it is sent.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class WorkerTelemetryTests(WorkerFixture fixture)
{
    [Fact]
    public async Task Invocations_are_exported_under_the_callers_trace_id()
    {
        var received = new ConcurrentQueue<string>();
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        await using var ingestion = builder.Build();
        ingestion.Run(async context =>
        {
            Stream body = context.Request.Body;
            if (context.Request.Headers.ContentEncoding == "gzip")
            {
                body = new GZipStream(body, CompressionMode.Decompress);
            }
            using var reader = new StreamReader(body);
            received.Enqueue(context.Request.Path + " " + await reader.ReadToEndAsync());
            context.Response.StatusCode = StatusCodes.Status200OK;
            await context.Response.WriteAsync("{\"itemsReceived\":1,\"itemsAccepted\":1,\"errors\":[]}");
        });
        await ingestion.StartAsync();
        var settings = fixture.Settings(fixture.Bank.BaseAddress!);
        settings["Telemetry__Exporter"] = "auto";
        settings["APPLICATIONINSIGHTS_CONNECTION_STRING"] =
            $"InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:{port}/;LiveEndpoint=http://127.0.0.1:{port}/";
        await using var driver = await FunctionsHostDriver.StartAsync(FunctionAppBuild.OutputFolder, settings);
        var traceId = ActivityTraceId.CreateRandom().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://functions.invalid/health");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        var response = await driver.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        // The exporter batches logs and requests separately: a post with only a log line of this trace may come first,
        // so wait for the one that carries the invocation (seen failing under load when the wait stopped at the first).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while (DateTime.UtcNow < deadline && !received.Any(r => r.Contains(traceId, StringComparison.Ordinal) && r.Contains("Health", StringComparison.Ordinal)))
        {
            await Task.Delay(250);
        }
        var exported = received.Where(r => r.Contains(traceId, StringComparison.Ordinal)).ToList();
        Assert.True(exported.Count > 0, $"nothing exported with trace id {traceId}; received {received.Count} posts:\n{string.Join('\n', received.Select(r => r[..Math.Min(r.Length, 300)]))}");
        Assert.Contains(exported, r => r.Contains("Health", StringComparison.Ordinal));
    }
}
