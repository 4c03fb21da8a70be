using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BankFunctions.Features;
using BankFunctions.Features.Runtime;
using BankFunctions.Host.Jobs;
using BankFunctions.Storage;
using Xunit;

namespace BankFunctions.Host.Tests.Infra;

/// <summary>
/// Keeps infra/main.bicep in step with the code (QueueNames, BlobContainers) and docs/CONFIGURATION.md:
/// compiles the template with the pinned Bicep CLI and inspects the ARM JSON.
/// </summary>
public sealed partial class InfraTemplateTests(CompiledInfraTemplate template) : IClassFixture<CompiledInfraTemplate>
{
    // Settings the platform itself needs, set in addition to the documented application keys.
    private static readonly string[] PlatformSettings = ["APPLICATIONINSIGHTS_CONNECTION_STRING"];

    // ARM expressions quote with ' which the default encoder escapes as \u0027.
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Dictionary<string, string> StorageRoles = new()
    {
        ["Storage Table Data Contributor"] = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
        ["Storage Queue Data Contributor"] = "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
        ["Storage Blob Data Contributor"] = "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    };

    private static readonly Dictionary<string, string> KeyVaultRoles = new()
    {
        ["Key Vault Crypto User"] = "12338af0-0e69-4776-bea7-57ae8d297424",
        ["Key Vault Secrets User"] = "4633458b-17de-408a-b874-0445c86b69e6",
    };

    [Fact]
    public void Every_queue_and_its_poison_twin_is_created()
    {
        var expected = QueueNames.All.SelectMany(q => new[] { q, QueueNames.Poison(q) }).Order().ToList();

        var declared = Strings(template.ModuleParameter("storage", "queueNames")).Order().ToList();

        Assert.Equal(expected, declared);
        var queues = Assert.Single(CompiledInfraTemplate.ResourcesOfType(template.ModuleTemplate("storage"), "Microsoft.Storage/storageAccounts/queueServices/queues"));
        Assert.Contains("parameters('queueNames')", (string?)queues["copy"]?["count"], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_blob_container_is_created_besides_the_deployment_package_container()
    {
        var declared = Strings(template.ModuleParameter("storage", "blobContainerNames")).Order().ToList();

        Assert.Equal(BlobContainers.All.Order().ToList(), declared);
        var containers = Assert.Single(CompiledInfraTemplate.ResourcesOfType(template.ModuleTemplate("storage"), "Microsoft.Storage/storageAccounts/blobServices/containers"));
        Assert.Contains("parameters('blobContainerNames')", (string?)containers["copy"]?["count"], StringComparison.Ordinal);
        Assert.DoesNotContain((string)template.ModuleParameter("storage", "deploymentContainerName")!, BlobContainers.All);
    }

    [Theory]
    [InlineData("function-app")]
    [InlineData("container-apps")]
    public void Every_documented_configuration_key_is_set_and_nothing_undocumented(string hostDeployment)
    {
        var documented = ConfigurationDoc.Keys();

        var set = SettingNames(hostDeployment);

        Assert.Empty(documented.Except(set));
        Assert.Empty(set.Except(documented).Except(PlatformSettings));
    }

    [Fact]
    public void The_configuration_table_is_parsed_completely()
    {
        var keys = ConfigurationDoc.Keys();

        // A parser that stopped early or split cells wrongly would make the previous test vacuous.
        Assert.Contains("Storage__ConnectionString", keys);
        Assert.Contains("Storage__QueueServiceUri", keys);
        Assert.Contains("HostJson__Path", keys);
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void Settings_select_identity_based_storage_and_key_vault_signing()
    {
        var settings = template.ModuleParameter("function-app", "appSettings").AsObject();

        Assert.Equal("", (string?)settings["Storage__ConnectionString"]);
        Assert.Equal("KeyVault", (string?)settings["Signing__Mode"]);
        Assert.Contains("outputs.clientId", (string?)settings["AZURE_CLIENT_ID"], StringComparison.Ordinal);
        Assert.Contains("outputs.uri", (string?)settings["KeyVault__Uri"], StringComparison.Ordinal);
        var operatorKey = template.ModuleParameter("function-app", "keyVaultReferencedSettings")["Operator__ApiKey"];
        Assert.Contains("operatorApiKeySecretUri", (string?)operatorKey, StringComparison.Ordinal);
    }

    [Fact]
    public void The_function_app_reaches_its_host_storage_with_the_managed_identity()
    {
        var functionApp = template.ModuleTemplate("function-app");

        Assert.Equal("managedidentity", FindProperty(functionApp, "AzureWebJobsStorage__credential"));
        Assert.NotNull(FindProperty(functionApp, "AzureWebJobsStorage__accountName"));
        Assert.NotNull(FindProperty(functionApp, "AzureWebJobsStorage__clientId"));
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", functionApp.ToJsonString(Unescaped), StringComparison.Ordinal);
    }

    [Fact]
    public void The_function_app_runs_dotnet_isolated_10_on_flex_consumption_deployed_with_the_identity()
    {
        var functionApp = template.ModuleTemplate("function-app");
        var plan = Assert.Single(CompiledInfraTemplate.ResourcesOfType(functionApp, "Microsoft.Web/serverfarms"));
        var site = Assert.Single(CompiledInfraTemplate.ResourcesOfType(functionApp, "Microsoft.Web/sites"));
        var config = site["properties"]!["functionAppConfig"]!;

        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        Assert.Equal("dotnet-isolated", (string?)config["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]!["version"]);
        Assert.Equal("UserAssignedIdentity", (string?)config["deployment"]!["storage"]!["authentication"]!["type"]);
    }

    [Fact]
    public void The_identity_gets_the_three_storage_data_roles_on_the_account()
    {
        var assignments = RoleAssignments("storage-access");

        foreach (var (role, id) in StorageRoles)
        {
            Assert.True(assignments.Any(a => a.Contains(id, StringComparison.Ordinal) && a.Contains("\"scope\"", StringComparison.Ordinal)), $"{role} ({id}) is not assigned");
        }
    }

    [Fact]
    public void The_identity_gets_the_two_key_vault_roles_on_the_vault()
    {
        var assignments = RoleAssignments("key-vault");

        foreach (var (role, id) in KeyVaultRoles)
        {
            Assert.True(assignments.Any(a => a.Contains(id, StringComparison.Ordinal) && a.Contains("\"scope\"", StringComparison.Ordinal)), $"{role} ({id}) is not assigned on the vault");
        }
    }

    [Fact]
    public void Storage_accepts_only_entra_id_over_tls_1_2_without_public_blobs()
    {
        var account = Assert.Single(CompiledInfraTemplate.ResourcesOfType(template.ModuleTemplate("storage"), "Microsoft.Storage/storageAccounts"));
        var properties = account["properties"]!;

        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
    }

    [Fact]
    public void Key_vault_uses_rbac_with_soft_delete_and_purge_protection()
    {
        var vault = Assert.Single(CompiledInfraTemplate.ResourcesOfType(template.ModuleTemplate("key-vault"), "Microsoft.KeyVault/vaults"));
        var properties = vault["properties"]!;

        Assert.True((bool)properties["enableRbacAuthorization"]!);
        Assert.True((bool)properties["enableSoftDelete"]!);
        Assert.True((bool)properties["enablePurgeProtection"]!);
    }

    [Fact]
    public void Timer_jobs_match_the_documented_schedules_and_fire_on_second_zero()
    {
        var documented = ConfigurationDoc.Timers();
        var declared = template.Root["variables"]!["timers"]!.AsArray()
            .ToDictionary(t => (string)t!["name"]!, t => (string)t!["ncrontab"]!);

        Assert.NotEmpty(documented);
        Assert.Equal(documented.OrderBy(t => t.Key), declared.OrderBy(t => t.Key));
        // Container Apps jobs take five-field cron: dropping the seconds field is exact only for second 0.
        Assert.All(declared.Values, schedule => Assert.Equal(["0"], schedule.Split(' ').Take(1)));
        Assert.All(declared.Values, schedule => Assert.Equal(6, schedule.Split(' ').Length));
    }

    [Fact]
    public void Queue_jobs_scale_on_queue_length_as_the_managed_identity()
    {
        var containerApps = template.ModuleTemplate("container-apps");
        var queueJobs = CompiledInfraTemplate.ResourcesOfType(containerApps, "Microsoft.App/jobs")
            .Single(job => job.ToJsonString(Unescaped).Contains("azure-queue", StringComparison.Ordinal));
        var rule = queueJobs["properties"]!["configuration"]!["eventTriggerConfig"]!["scale"]!["rules"]![0]!;

        Assert.Equal("azure-queue", (string?)rule["type"]);
        Assert.Contains("identityId", (string?)rule["identity"], StringComparison.Ordinal);
        Assert.Subset(QueueConsumers().Keys.ToHashSet(), QueueNames.All.ToHashSet());
    }

    [Fact]
    public void Every_queue_the_catalog_consumes_has_a_job_and_every_catalog_timer_a_job_with_its_schedule()
    {
        var consumed = FunctionCatalog.All.Select(f => f.Trigger).OfType<QueueTrigger>().Select(q => q.QueueName).ToHashSet();
        var timers = template.Root["variables"]!["timers"]!.AsArray()
            .ToDictionary(t => (string)t!["functionName"]!, t => (string)t!["ncrontab"]!);

        // Poisoned payments must still become needs_attention when the background work runs as jobs.
        Assert.Subset(QueueConsumers().Keys.ToHashSet(), consumed);
        Assert.All(FunctionCatalog.All.Where(f => f.Trigger is TimerTrigger), function =>
        {
            Assert.True(timers.TryGetValue(function.Name, out var schedule), $"no timer job runs {function.Name}");
            Assert.Equal(((TimerTrigger)function.Trigger).Schedule, schedule);
        });
    }

    [Fact]
    public void Jobs_start_the_host_in_its_one_shot_modes_and_the_app_http_only()
    {
        var containerApps = template.ModuleTemplate("container-apps");
        var jobs = CompiledInfraTemplate.ResourcesOfType(containerApps, "Microsoft.App/jobs").ToList();
        var queueJob = jobs.Single(job => job["properties"]!["configuration"]!["eventTriggerConfig"] is not null);
        var timerJob = jobs.Single(job => job["properties"]!["configuration"]!["scheduleTriggerConfig"] is not null);
        var app = Assert.Single(CompiledInfraTemplate.ResourcesOfType(containerApps, "Microsoft.App/containerApps"));

        var queueArgs = Strings(queueJob["properties"]!["template"]!["containers"]![0]!["args"]!);
        var timerArgs = Strings(timerJob["properties"]!["template"]!["containers"]![0]!["args"]!);

        // Exactly the arguments HostCommand parses: the queue the job scales on, the timer's catalog function name.
        Assert.Equal([HostCommand.DrainQueueFlag, (string)queueJob["properties"]!["configuration"]!["eventTriggerConfig"]!["scale"]!["rules"]![0]!["metadata"]!["queueName"]!], queueArgs);
        Assert.EndsWith("[copyIndex()].queue]", queueArgs[1], StringComparison.Ordinal);
        Assert.Equal(HostCommand.RunTimerFlag, timerArgs[0]);
        Assert.EndsWith("[copyIndex()].functionName]", timerArgs[1], StringComparison.Ordinal);
        Assert.Equal(2, timerArgs.Count);
        Assert.Contains($"createArray('{HostCommand.HttpOnlyFlag}')", (string?)app["properties"]!["template"]!["containers"]![0]!["args"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_longest_possible_container_apps_job_name_fits_in_32_characters()
    {
        var parameters = template.Root["parameters"]!;
        var appNameMax = (int)parameters["appName"]!["maxLength"]!;
        var environmentMax = parameters["environment"]!["allowedValues"]!.AsArray().Max(e => ((string)e!).Length);
        var workMax = QueueConsumers().Values.Concat(ConfigurationDoc.Timers().Keys).Max(n => n.Length);

        // Job name: "<appName>-<environment>-<queue job name or timer>" (containerJobPrefix in main.bicep).
        Assert.Contains("'{0}-{1}', parameters('appName'), parameters('environment')", template.Root["variables"]!["names"]!["containerJobPrefix"]!.ToString(), StringComparison.Ordinal);
        Assert.InRange(appNameMax + 1 + environmentMax + 1 + workMax, 1, 32);
    }

    /// <summary>The queueConsumers of main.bicep: queue to job name suffix.</summary>
    private Dictionary<string, string> QueueConsumers() =>
        template.ModuleParameter("container-apps", "queueConsumers").AsArray()
            .ToDictionary(c => (string)c!["queue"]!, c => (string)c!["jobName"]!);

    private List<string> SettingNames(string hostDeployment) =>
        template.ModuleParameter(hostDeployment, "appSettings").AsObject().Select(p => p.Key)
            .Concat(template.ModuleParameter(hostDeployment, "keyVaultReferencedSettings").AsObject().Select(p => p.Key))
            .ToList();

    /// <summary>Each role assignment of a module as JSON text, followed by the variables it reads (role ids live there).</summary>
    private List<string> RoleAssignments(string deploymentName)
    {
        var module = template.ModuleTemplate(deploymentName);
        var variables = module["variables"]?.AsObject();
        return CompiledInfraTemplate.ResourcesOfType(module, "Microsoft.Authorization/roleAssignments")
            .Select(assignment => assignment.ToJsonString(Unescaped))
            .Select(json => json + string.Concat(VariableReference().Matches(json).Select(m => variables?[m.Groups["name"].Value]?.ToJsonString(Unescaped))))
            .ToList();
    }

    private static List<string> Strings(JsonNode node) => node.AsArray().Select(n => (string)n!).ToList();

    /// <summary>The value of the first property with this name anywhere in the tree.</summary>
    private static string? FindProperty(JsonNode? node, string name) => node switch
    {
        JsonObject obj => obj.TryGetPropertyValue(name, out var value)
            ? value?.ToString()
            : obj.Select(p => FindProperty(p.Value, name)).FirstOrDefault(v => v is not null),
        JsonArray array => array.Select(n => FindProperty(n, name)).FirstOrDefault(v => v is not null),
        _ => null,
    };

    [GeneratedRegex(@"variables\('(?<name>[A-Za-z0-9_]+)'\)")]
    private static partial Regex VariableReference();
}
