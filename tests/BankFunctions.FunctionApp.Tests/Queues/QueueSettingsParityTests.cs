using BankFunctions.FunctionApp.Tests.Driver;
using BankFunctions.Host.Runtime;
using System.Text.Json;

namespace BankFunctions.FunctionApp.Tests.Queues;

/// <summary>
/// The Functions host's Storage Queue trigger settings (host.json extensions.queues of the FunctionApp build, read as the
/// extension reads them) are the values the local host's QueueProcessor runs with (HostJsonOptions of its host.json).
/// </summary>
public sealed class QueueSettingsParityTests
{
    private static readonly string[] Settings = ["batchSize", "newBatchThreshold", "maxPollingInterval", "visibilityTimeout", "maxDequeueCount", "messageEncoding"];

    [Fact]
    public void Both_hosts_run_queues_with_the_same_settings()
    {
        var functions = HostJsonQueues.Read(JsonDocument.Parse(File.ReadAllText(FunctionAppBuild.PathOf("host.json"))).RootElement);
        var local = HostJsonOptions.Load(LocalHostJson);

        Assert.Equal(functions.BatchSize, local.BatchSize);
        Assert.Equal(functions.NewBatchThreshold, local.NewBatchThreshold);
        Assert.Equal(functions.MaxPollingInterval, local.MaxPollingInterval);
        Assert.Equal(functions.VisibilityTimeout, local.VisibilityTimeout);
        Assert.Equal(functions.MaxDequeueCount, local.MaxDequeueCount);
        Assert.Equal(functions.MessageEncoding == "base64", local.Base64Encoding);
    }

    [Fact]
    public void Every_queue_setting_is_explicit_so_neither_host_falls_back_to_its_own_default()
    {
        var queues = FunctionAppBuild.HostJson()["extensions"]!["queues"]!.AsObject();

        Assert.All(Settings, s => Assert.True(queues.ContainsKey(s), $"host.json extensions.queues.{s} is not set"));
        Assert.Equal(File.ReadAllText(LocalHostJson), File.ReadAllText(FunctionAppBuild.PathOf("host.json")));
    }

    /// <summary>The host.json the local host's build carries (BankFunctions.Host links the repository's host.json, as the FunctionApp does).</summary>
    private static string LocalHostJson => Path.Combine(AppContext.BaseDirectory, "host.json");
}
