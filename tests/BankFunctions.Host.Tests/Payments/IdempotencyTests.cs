using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Host.Tests.Api;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Payments;

[Collection(HostCollection.Name)]
public sealed class IdempotencyTests(HostFixture host)
{
    [Fact]
    public async Task Same_key_same_body_replays_the_original_response()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var key = Guid.NewGuid().ToString();
        var first = await Submit(submitter, EurPayment(t.EurAccount), key);
        var second = await Submit(submitter, EurPayment(t.EurAccount), key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Same_key_different_body_is_422()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await Submit(submitter, EurPayment(t.EurAccount, "10.00"), key)).StatusCode);
        await BadInputTests.AssertProblem(await Submit(submitter, EurPayment(t.EurAccount, "11.00"), key), 422, null);
    }

    [Fact]
    public async Task Keys_are_per_tenant()
    {
        var a = await host.CreateTenantWithAccountsAsync();
        var b = await host.CreateTenantWithAccountsAsync();
        var key = Guid.NewGuid().ToString();
        using var sa = host.Client(a.Key("submitter"));
        using var sb = host.Client(b.Key("submitter"));
        var pa = await Json(await Submit(sa, EurPayment(a.EurAccount), key));
        var rb = await Submit(sb, EurPayment(b.EurAccount), key);
        Assert.Equal(HttpStatusCode.Created, rb.StatusCode);
        Assert.False(rb.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(pa.GetProperty("id").GetString(), (await Json(rb)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Twenty_concurrent_requests_with_one_key_create_exactly_one_payment()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        var key = Guid.NewGuid().ToString();
        var clients = Enumerable.Range(0, 20).Select(_ => host.Client(t.Key("submitter"))).ToList();
        var responses = await Task.WhenAll(clients.Select(c => Submit(c, EurPayment(t.EurAccount), key)));
        var ids = new HashSet<string>();
        foreach (var r in responses)
        {
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            ids.Add((await Json(r)).GetProperty("id").GetString()!);
        }
        Assert.Single(ids);
        Assert.Equal(19, responses.Count(r => r.Headers.Contains("Idempotent-Replayed")));

        using var viewer = host.Client(t.Key("viewer"));
        var list = await viewer.GetFromJsonAsync<JsonElement>("v1/payments");
        Assert.Equal(1, list.GetProperty("items").GetArrayLength());
        clients.ForEach(c => c.Dispose());
    }
}

[Collection(HostCollection.Name)]
public sealed class InFlightIdempotencyTests(HostFixture host)
{
    [Fact]
    public async Task A_batch_still_being_written_under_the_key_is_409()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        var key = Guid.NewGuid().ToString();
        // What a batch write in progress leaves behind: the key's record, in flight, fresh.
        var store = host.Services.GetRequiredService<BankFunctions.Features.Idempotency.IdempotencyStore>();
        var row = store.NewRow(t.Id, BankFunctions.Features.Idempotency.IdempotencyKeys.Hash(key), "another-request-hash", "in_flight", "bat_x");
        await host.Services.GetRequiredService<BankFunctions.Storage.StorageClients>().Table(BankFunctions.Storage.TableNames.TenantData).AddEntityAsync(row);
        using var submitter = host.Client(t.Key("submitter"));
        // A different body under an in-flight key is still a reuse of the key: 422.
        await BadInputTests.AssertProblem(await Submit(submitter, EurPayment(t.EurAccount), key), 422, null);
    }
}
