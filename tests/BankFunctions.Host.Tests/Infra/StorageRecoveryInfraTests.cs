using System.Text.Json.Nodes;
using Xunit;

namespace BankFunctions.Host.Tests.Infra;

/// <summary>
/// Issue #16: production storage survives a region (geo-redundant) and a bad write or deletion of blobs (soft delete,
/// point-in-time restore with the versioning and change feed it needs). docs/DEPLOY.md states the RPO/RTO these give.
/// </summary>
public sealed class StorageRecoveryInfraTests(CompiledInfraTemplate template) : IClassFixture<CompiledInfraTemplate>
{
    [Fact]
    public void Production_parameters_are_geo_redundant_with_point_in_time_restore_inside_soft_delete()
    {
        var prod = template.ParameterValues("prod");

        Assert.Contains((string)prod["storageSkuName"]!["value"]!, new[] { "Standard_GZRS", "Standard_RAGZRS" });
        var restoreDays = (int)prod["blobPointInTimeRestoreDays"]!["value"]!;
        var deleteDays = (int)prod["blobDeleteRetentionDays"]!["value"]!;
        Assert.True(restoreDays > 0, "point-in-time restore is off in production");
        // Azure rejects a restore window that is not shorter than blob soft delete.
        Assert.True(restoreDays < deleteDays, $"restore window {restoreDays} days must be shorter than soft delete {deleteDays} days");
    }

    [Fact]
    public void The_storage_module_turns_on_soft_delete_versioning_change_feed_and_restore_from_the_parameters()
    {
        Assert.Equal("[parameters('blobPointInTimeRestoreDays')]", (string?)template.ModuleParameter("storage", "pointInTimeRestoreDays"));
        Assert.Contains("Standard_RAGZRS", template.Root["parameters"]!["storageSkuName"]!["allowedValues"]!.AsArray().Select(v => (string?)v));

        var blobService = Assert.Single(CompiledInfraTemplate.ResourcesOfType(template.ModuleTemplate("storage"), "Microsoft.Storage/storageAccounts/blobServices"));
        var properties = blobService["properties"]!.AsObject();
        Assert.True((bool)properties["deleteRetentionPolicy"]!["enabled"]!);
        Assert.True((bool)properties["containerDeleteRetentionPolicy"]!["enabled"]!);
        Assert.Equal("[variables('pointInTimeRestore')]", (string?)properties["isVersioningEnabled"]);
        // The change feed and the restore policy are on exactly when the restore window is set.
        foreach (var name in new[] { "changeFeed", "restorePolicy" })
        {
            var expression = (string?)properties[name] ?? "";
            Assert.StartsWith("[if(variables('pointInTimeRestore'), createObject('enabled', true()", expression, StringComparison.Ordinal);
        }
        Assert.Contains("parameters('pointInTimeRestoreDays')", (string?)properties["restorePolicy"], StringComparison.Ordinal);
        var variable = (string?)template.ModuleTemplate("storage")["variables"]!["pointInTimeRestore"];
        Assert.Equal("[greater(parameters('pointInTimeRestoreDays'), 0)]", variable);
    }
}
