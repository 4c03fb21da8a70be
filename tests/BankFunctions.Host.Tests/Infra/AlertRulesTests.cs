using System.Text.Json.Nodes;
using BankFunctions.Features.Telemetry;
using TelemetryNames = BankFunctions.Features.Telemetry.Telemetry;
using BankFunctions.TestSupport;
using Xunit;

namespace BankFunctions.Host.Tests.Infra;

/// <summary>
/// The alert rules of issue #16 as infra/modules/alerts.bicep deploys them (compiled by the pinned Bicep CLI): each
/// rule exists with its window and threshold, queries a metric the code records, notifies the action group whose
/// receivers are main.bicep parameters, and has its runbook in docs/runbooks.
/// </summary>
public sealed class AlertRulesTests(CompiledInfraTemplate template) : IClassFixture<CompiledInfraTemplate>
{
    private JsonObject Alerts => template.ModuleTemplate("alerts");

    private JsonObject Rule(string name) =>
        Alerts["variables"]!["rules"]!.AsArray().Single(r => (string?)r!["name"] == name)!.AsObject();

    [Theory]
    // name, window, the metric it reads, the breach condition with the threshold
    [InlineData("bank-success-rate", "PT10M", TelemetryNames.BankCalls, "ok / calls < 0.95")]
    [InlineData("poison-messages", "PT15M", OverviewGauges.QueueLength, "where queue endswith \"-poison\" | summarize length = max(value) by queue | where length > 0")]
    [InlineData("needs-attention", "PT15M", OverviewGauges.NeedsAttention, "where payments > 0")]
    [InlineData("oldest-queue-message", "PT15M", OverviewGauges.QueueOldestAge, "where age > 300")]
    [InlineData("stale-statement", "PT15M", OverviewGauges.StatementsStale, "where accounts > 0")]
    [InlineData("submit-latency", "PT15M", "POST /v1/payments", "percentile(duration, 99)")]
    public void Each_alert_rule_exists_with_its_threshold_and_runbook(string name, string window, string metric, string breach)
    {
        var rule = Rule(name);
        var query = (string)rule["query"]!;
        Assert.Equal(window, (string?)rule["window"]);
        Assert.Contains($"\"{metric}\"", query, StringComparison.Ordinal);
        Assert.Contains(breach, query, StringComparison.Ordinal);
        Assert.Contains($"docs/runbooks/{name}.md", (string)rule["description"]!, StringComparison.Ordinal);
        Assert.True(File.Exists(RepoPaths.Combine("docs", "runbooks", name + ".md")), $"docs/runbooks/{name}.md is missing");
    }

    [Fact]
    public void The_p99_submit_rule_alerts_above_two_seconds()
    {
        // requests.duration is in milliseconds.
        Assert.EndsWith("| where p99 > 2000", (string)Rule("submit-latency")["query"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_rule_fires_on_any_row_of_its_query_and_notifies_the_action_group()
    {
        var rules = CompiledInfraTemplate.ResourcesOfType(Alerts, "Microsoft.Insights/scheduledQueryRules").Single();
        Assert.Equal("[length(variables('rules'))]", (string?)rules["copy"]!["count"]);
        var criterion = rules["properties"]!["criteria"]!["allOf"]!.AsArray().Single()!;
        Assert.Equal("Count", (string?)criterion["timeAggregation"]);
        Assert.Equal("GreaterThan", (string?)criterion["operator"]);
        Assert.Equal(0, (int)criterion["threshold"]!);
        Assert.Equal("[parameters('appInsightsId')]", (string?)rules["properties"]!["scopes"]![0]);
        Assert.Contains("Microsoft.Insights/actionGroups", (string)rules["properties"]!["actions"]!["actionGroups"]![0]!, StringComparison.Ordinal);
        Assert.Equal(6, Alerts["variables"]!["rules"]!.AsArray().Count);
    }

    [Fact]
    public void The_action_groups_receivers_are_parameters_of_main()
    {
        Assert.Single(CompiledInfraTemplate.ResourcesOfType(Alerts, "Microsoft.Insights/actionGroups"));
        Assert.Equal("[parameters('alertEmailAddresses')]", (string?)template.ModuleParameter("alerts", "emailAddresses"));
        Assert.Equal("[parameters('alertWebhookUrls')]", (string?)template.ModuleParameter("alerts", "webhookUrls"));
        Assert.Contains("monitoring", (string)template.ModuleParameter("alerts", "appInsightsId")!, StringComparison.Ordinal);
    }
}
