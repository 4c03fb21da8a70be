using System.Net;
using System.Net.Sockets;
using BankFunctions.Features.Auth;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Host.Tests.Api;

/// <summary>A host with the production failed-authentication budget, counting its key reads from storage.</summary>
public sealed class FailedAuthFixture : IAsyncLifetime
{
    public HostFixture Host { get; } = new();

    public CountingKeyReader Reads => (CountingKeyReader)Host.Services.GetRequiredService<IApiKeyReader>();

    public async Task InitializeAsync()
    {
        Host.Settings["RateLimit:FailedAuthBurst"] = "30";
        Host.Settings["RateLimit:FailedAuthPerSecond"] = "1";
        Host.OverrideServices = services => services.AddSingleton<IApiKeyReader>(sp => new CountingKeyReader(new TableApiKeyReader(sp.GetRequiredService<StorageClients>())));
        await Host.InitializeAsync();
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}

public sealed class CountingKeyReader(IApiKeyReader inner) : IApiKeyReader
{
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    public Task<ApiKeyRow?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return inner.FindAsync(keyId, cancellationToken);
    }
}

/// <summary>
/// Failed authentication is budgeted per client address and per key id (issue #20 §3). Each test speaks from its own
/// loopback addresses (127.0.0.0/8 is all local), so the budgets of one test do not touch another's.
/// </summary>
public sealed class FailedAuthTests(FailedAuthFixture fixture) : IClassFixture<FailedAuthFixture>
{
    private const int Flood = 300;

    [Fact]
    public async Task A_flood_of_unknown_keys_from_one_address_gets_429_without_a_storage_read_each()
    {
        var tenant = await fixture.Host.CreateTenantAsync();
        using var attacker = Client("127.0.0.2");
        var before = fixture.Reads.Reads;
        var responses = await Task.WhenAll(Enumerable.Range(0, Flood).Select(_ =>
            Get(attacker, $"bk_k{Guid.NewGuid():N}_{Guid.NewGuid():N}")));
        var reads = fixture.Reads.Reads - before;

        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.True(limited.Count >= Flood - 60, $"{limited.Count} of {Flood} were 429");
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, r.StatusCode.ToString()));
        Assert.True(reads <= 60, $"{reads} storage reads for {Flood} unknown keys");
        Assert.True(limited[0].Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        await BadInputTests.AssertProblem(limited[0], 429, null);

        // Another address is not affected, and a valid key from it is served.
        using var other = Client("127.0.0.3");
        Assert.Equal(HttpStatusCode.OK, (await Get(other, tenant.Key("viewer"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(other, "bk_kunknown_secret")).StatusCode);
    }

    [Fact]
    public async Task No_key_and_guessed_operator_keys_are_limited_too()
    {
        using var noKey = Client("127.0.0.4");
        var anonymous = await Task.WhenAll(Enumerable.Range(0, Flood).Select(_ => Get(noKey, null)));
        Assert.True(anonymous.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests) >= Flood - 60);

        using var guesser = Client("127.0.0.5");
        var guesses = await Task.WhenAll(Enumerable.Range(0, Flood).Select(i => Get(guesser, "operator-guess-" + i, "v1/admin/tenants", HttpMethod.Post)));
        Assert.True(guesses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests) >= Flood - 60);
    }

    [Fact]
    public async Task An_unknown_key_id_is_read_once_and_a_key_ids_wrong_secrets_are_limited_but_its_holder_is_not()
    {
        var tenant = await fixture.Host.CreateTenantAsync();
        var unknown = $"bk_k{Guid.NewGuid():N}_secret";
        var before = fixture.Reads.Reads;
        for (var i = 0; i < 20; i++)
        {
            using var client = Client($"127.0.1.{i + 1}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await Get(client, unknown)).StatusCode);
        }
        Assert.Equal(1, fixture.Reads.Reads - before); // the negative cache answers the other 19

        // Wrong secrets for a real key id from many addresses (each under its own budget): the key id's budget runs out.
        var viewer = tenant.Keys["viewer"];
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            using var client = Client($"127.0.2.{i + 1}");
            statuses.Add((await Get(client, $"bk_{viewer.Id}_wrongsecretwrongsecretwrongsecret{i:D2}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        // The key's holder is still served.
        using var holder = Client("127.0.2.200");
        Assert.Equal(HttpStatusCode.OK, (await Get(holder, viewer.Key)).StatusCode);
    }

    [Fact]
    public async Task A_burst_with_one_valid_key_on_a_cold_cache_is_served_and_read_once_not_answered_429()
    {
        var tenant = await fixture.Host.CreateTenantAsync(); // its viewer key has never been presented: not cached
        using var client = Client("127.0.3.1");
        var before = fixture.Reads.Reads;
        // Far more than the address's budget (30): before, each request spent it while the first read was under way.
        var responses = await Task.WhenAll(Enumerable.Range(0, 120).Select(_ => Get(client, tenant.Key("viewer"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        // One read answers the burst (another only if the 5-second cache expired before the last request came).
        Assert.InRange(fixture.Reads.Reads - before, 1, 3);
    }

    private HttpClient Client(string localAddress)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = fixture.Host.BaseAddress };
    }

    private static async Task<HttpResponseMessage> Get(HttpClient client, string? key, string path = "v1/accounts", HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
