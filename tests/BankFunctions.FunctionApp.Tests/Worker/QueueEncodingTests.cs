using Azure.Storage.Queues;
using BankFunctions.FunctionApp.Tests.Driver;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using System.Text.Json;

namespace BankFunctions.FunctionApp.Tests.Worker;

/// <summary>What the app enqueues is what the Functions queue trigger decodes (host.json messageEncoding).</summary>
[Collection(WorkerCollection.Name)]
public sealed class QueueEncodingTests(WorkerFixture fixture)
{
    [Fact]
    public async Task A_message_from_the_apps_queue_sender_decodes_as_the_trigger_expects()
    {
        var queueName = "encoding-" + Guid.NewGuid().ToString("N")[..8];
        var storage = new StorageClients(new StorageOptions { ConnectionString = fixture.Azurite.ConnectionString }, null);
        await storage.Queues.GetQueueClient(queueName).CreateAsync();
        var body = "{\"tenantId\":\"t1\",\"name\":\"财务 CNY – Zahlung\"}";

        await new StorageQueueSender(storage).SendAsync(queueName, body);

        var raw = (await new QueueClient(fixture.Azurite.ConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None })
            .ReceiveMessageAsync()).Value;
        var trigger = HostJsonQueues.Read(JsonDocument.Parse(File.ReadAllText(FunctionAppBuild.PathOf("host.json"))).RootElement);
        Assert.Equal("base64", trigger.MessageEncoding);
        Assert.Equal(body, trigger.Decode(raw.Body.ToString(), queueName));
    }
}
