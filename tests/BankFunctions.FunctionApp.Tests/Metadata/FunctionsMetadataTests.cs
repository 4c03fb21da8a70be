using System.Text.Json.Nodes;
using BankFunctions.Features;
using BankFunctions.Storage;

namespace BankFunctions.FunctionApp.Tests.Metadata;

/// <summary>The generated functions.metadata of the real build (not the shim sources) against the FunctionCatalog.</summary>
public sealed class FunctionsMetadataTests
{
    [Fact]
    public void The_built_metadata_is_the_catalog_function_for_function()
    {
        var metadata = FunctionAppBuild.Metadata();

        Assert.Empty(MetadataCheck.Differences(FunctionCatalog.All, metadata));
        Assert.Equal(FunctionCatalog.All.Count, metadata.Count);
    }

    [Fact]
    public void Every_queue_trigger_has_its_poison_twin_consumed()
    {
        var queues = MetadataCheck.TriggerQueues(FunctionAppBuild.Metadata()).ToHashSet();

        var work = queues.Where(q => !q.EndsWith("-poison", StringComparison.Ordinal)).ToList();

        Assert.Equal(QueueNames.All.Order(), work.Order());
        Assert.All(work, q => Assert.Contains(QueueNames.Poison(q), queues));
    }

    [Fact]
    public void The_host_reads_its_files_from_the_build_output()
    {
        foreach (var file in new[] { "functions.metadata", "extensions.json", "worker.config.json", "host.json", "BankFunctions.FunctionApp.dll" })
        {
            Assert.True(File.Exists(FunctionAppBuild.PathOf(file)), file + " missing from " + FunctionAppBuild.OutputFolder);
        }
        var worker = JsonNode.Parse(File.ReadAllText(FunctionAppBuild.PathOf("worker.config.json")))!["description"]!;
        Assert.Equal("dotnet-isolated", (string?)worker["language"]);
        Assert.Equal("BankFunctions.FunctionApp.dll", (string?)worker["defaultWorkerPath"]);
        // The queue trigger runs in the host through the WebJobs storage extension the Worker SDK restored.
        var extensions = JsonNode.Parse(File.ReadAllText(FunctionAppBuild.PathOf("extensions.json")))!["extensions"]!.AsArray();
        Assert.Contains(extensions, e => (string?)e!["name"] == "AzureStorageQueues");
    }

    [Fact]
    public void Routes_have_no_api_prefix_as_the_README_OpenAPI_and_Bicep_assume()
    {
        var prefix = (string?)FunctionAppBuild.HostJson()["extensions"]?["http"]?["routePrefix"];

        // Absent, the Functions host (and the worker's ASP.NET Core integration) prefix every route with "api".
        Assert.Equal("", prefix);
    }

    [Theory]
    [InlineData("route", "v1/payments-typo", "SubmitPayment: route v1/payments-typo, expected v1/payments")]
    [InlineData("methods", "[\"get\"]", "SubmitPayment: methods [GET], expected [POST]")]
    [InlineData("authLevel", "Function", "SubmitPayment: authLevel Function, expected Anonymous")]
    public void A_mismatched_http_function_is_named(string property, string value, string expected)
    {
        var metadata = FunctionAppBuild.Metadata().Select(m => m.DeepClone().AsObject()).ToList();
        var trigger = MetadataCheck.Trigger(metadata.Single(m => (string?)m["name"] == "SubmitPayment"))!;
        trigger[property] = value.StartsWith('[') ? JsonNode.Parse(value) : value;

        Assert.Contains(expected, MetadataCheck.Differences(FunctionCatalog.All, metadata));
    }

    [Fact]
    public void Missing_extra_and_mismatched_queue_and_timer_functions_are_named()
    {
        var metadata = FunctionAppBuild.Metadata().Select(m => m.DeepClone().AsObject()).ToList();
        metadata.RemoveAll(m => (string?)m["name"] == "PullStatementsPoison");
        var extra = metadata.Single(m => (string?)m["name"] == "Health").DeepClone().AsObject();
        extra["name"] = "Stray";
        metadata.Add(extra);
        var sign = MetadataCheck.Trigger(metadata.Single(m => (string?)m["name"] == "SignPayments"))!;
        sign["queueName"] = "payments-signing";
        sign["connection"] = "OtherStorage";
        var sweep = MetadataCheck.Trigger(metadata.Single(m => (string?)m["name"] == "OutboxSweep"))!;
        sweep["schedule"] = "*/1 * * * *";
        sweep["runOnStartup"] = true;

        var problems = MetadataCheck.Differences(FunctionCatalog.All, metadata);

        Assert.Contains("PullStatementsPoison: in the catalog but not in functions.metadata", problems);
        Assert.Contains("Stray: in functions.metadata but not in the catalog", problems);
        Assert.Contains("SignPayments: queue payments-signing, expected payments-sign", problems);
        Assert.Contains("SignPayments: connection OtherStorage, expected AzureWebJobsStorage", problems);
        Assert.Contains("OutboxSweep: schedule */1 * * * *, expected 0 */1 * * * *", problems);
        Assert.Contains("OutboxSweep: schedule */1 * * * * is not six-field NCRONTAB", problems);
        Assert.Contains("OutboxSweep: runOnStartup is true, expected false", problems);
    }
}
