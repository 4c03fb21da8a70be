using System.Text.Json.Nodes;
using BankFunctions.FunctionApp.Tests.Metadata;
using BankFunctions.Host.Tests.Infra;
using BankFunctions.Storage;

namespace BankFunctions.FunctionApp.Tests.Infra;

/// <summary>infra/ (compiled by the pinned Bicep CLI) against what the built FunctionApp needs: its queues, tables, runtime and trigger storage.</summary>
public sealed class FunctionAppInfraTests(CompiledInfraTemplate template) : IClassFixture<CompiledInfraTemplate>
{
    [Fact]
    public void Every_queue_the_metadata_triggers_on_exists_in_storage()
    {
        var declared = template.ModuleParameter("storage", "queueNames").AsArray().Select(n => (string)n!).ToHashSet();

        var missing = MetadataCheck.TriggerQueues(FunctionAppBuild.Metadata()).Where(q => !declared.Contains(q)).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_table_is_provisioned_so_the_identity_needs_no_create_right()
    {
        var declared = template.ModuleParameter("storage", "tableNames").AsArray().Select(n => (string)n!).Order();

        Assert.Equal(TableNames.All.Order(), declared);
        var tables = Assert.Single(CompiledInfraTemplate.ResourcesOfType(template.ModuleTemplate("storage"), "Microsoft.Storage/storageAccounts/tableServices/tables"));
        Assert.Contains("parameters('tableNames')", (string?)tables["copy"]?["count"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_function_app_runs_the_isolated_worker_on_functions_4_with_the_builds_framework()
    {
        var site = Site();
        var runtime = site["properties"]!["functionAppConfig"]!["runtime"]!;

        // Flex Consumption sets the worker runtime and version here; it refuses FUNCTIONS_WORKER_RUNTIME and
        // FUNCTIONS_EXTENSION_VERSION as app settings (the plan only runs Functions 4.x).
        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        var framework = Path.GetFileName(Path.TrimEndingDirectorySeparator(FunctionAppBuild.OutputFolder));
        Assert.Equal(framework, "net" + (string?)runtime["version"]);
        Assert.Equal("FlexConsumption", (string?)Plan()["sku"]!["tier"]);
        var settings = HostSettings();
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Select(s => s.Key));
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", settings.Select(s => s.Key));
    }

    [Fact]
    public void The_triggers_storage_is_identity_based_under_the_connection_the_metadata_names()
    {
        var settings = HostSettings();
        var connections = FunctionAppBuild.Metadata().Select(MetadataCheck.Trigger)
            .Where(t => (string?)t?["type"] == "queueTrigger")
            .Select(t => (string?)t!["connection"] ?? MetadataCheck.StorageConnection).Distinct().ToList();

        var connection = Assert.Single(connections);
        Assert.Contains($"{connection}__accountName", settings.Select(s => s.Key));
        Assert.Equal("managedidentity", (string?)settings[$"{connection}__credential"]);
        Assert.Contains($"{connection}__clientId", settings.Select(s => s.Key));
        Assert.DoesNotContain(connection, settings.Select(s => s.Key));
    }

    private JsonObject Site() => CompiledInfraTemplate.ResourcesOfType(template.ModuleTemplate("function-app"), "Microsoft.Web/sites").Single();

    private JsonObject Plan() => CompiledInfraTemplate.ResourcesOfType(template.ModuleTemplate("function-app"), "Microsoft.Web/serverfarms").Single();

    private JsonObject HostSettings() => template.ModuleTemplate("function-app")["variables"]!["functionsHostSettings"]!.AsObject();
}
