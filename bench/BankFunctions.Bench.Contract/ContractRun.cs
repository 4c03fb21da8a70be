using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BankFunctions.Bench.Common;
using BankFunctions.Host.Tests.Contract;

namespace BankFunctions.Bench.Contract;

/// <summary>
/// The property-based contract run: workers pick operations of the served document at random (seeded), fill path,
/// query, headers and body from its schemas — mostly valid, often broken — send them with a key of the right or
/// wrong kind, and check every response against the document. Ids from created resources feed later paths.
/// </summary>
public sealed class ContractRun(ContractStack stack, int seed)
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<string>> _ids = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _idempotencyKeys = new();
    private readonly Figures _figures = new();
    private string _today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<Figures> RunAsync(TimeSpan duration, int workers)
    {
        var tenant = await BenchTenant.OnboardAsync(stack.HostUri, stack.BankUri, ContractStack.OperatorKey, "contract");
        using var op = BenchApi.Client(stack.HostUri, ContractStack.OperatorKey);
        var all = (await BenchApi.Post(op, $"v1/admin/tenants/{tenant.Id}/api-keys", new { name = "all", roles = new[] { "viewer", "submitter", "approver", "admin" } }))
            .GetProperty("key").GetString()!;
        var viewer = (await BenchApi.Post(op, $"v1/admin/tenants/{tenant.Id}/api-keys", new { name = "viewer", roles = new[] { "viewer" } })).GetProperty("key").GetString()!;
        Add("accounts", tenant.EurAccount);
        Add("accounts", tenant.CnyAccount);
        using var plain = new HttpClient { BaseAddress = stack.HostUri };
        var document = JsonNode.Parse(await plain.GetStringAsync("openapi/v1.json"))!.AsObject();
        var contract = new OpenApiContract(document);
        var operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => (Path: p.Key, Method: m.Key.ToUpperInvariant(), Operation: m.Value!.AsObject())))
            .ToList();
        _figures.Operations = operations.Count;
        var keys = new Keys(ContractStack.OperatorKey, all, viewer, tenant.Id);

        var watch = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(seed * 1000 + w);
            using var client = new HttpClient { BaseAddress = stack.HostUri, Timeout = TimeSpan.FromSeconds(60) };
            var values = new ValueGenerator(document, random, name => Known(name, random));
            while (watch.Elapsed < duration)
            {
                var (path, method, operation) = operations[random.Next(operations.Count)];
                await SendOneAsync(client, contract, values, random, keys, path, method, operation);
            }
        })).ToList();
        await Task.WhenAll(tasks);
        _figures.Elapsed = watch.Elapsed;
        _figures.Seed = seed;
        _figures.Workers = workers;
        return _figures;
    }

    private async Task SendOneAsync(HttpClient client, OpenApiContract contract, ValueGenerator values, Random random, Keys keys,
        string template, string method, JsonObject operation)
    {
        var name = operation["operationId"]!.GetValue<string>();
        var path = Path(template, random, keys);
        var query = Query(operation, random);
        using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/') + query);
        Authorize(request, template, random, keys);
        string? idempotencyKey = null;
        if (operation["parameters"] is JsonArray parameters && parameters.Any(p => p!["name"]!.GetValue<string>() == "Idempotency-Key"))
        {
            idempotencyKey = IdempotencyKey(request, random);
        }
        if (operation["requestBody"]?["content"] is JsonObject content)
        {
            request.Content = Body(content, values, random);
        }

        HttpResponseMessage response;
        string body;
        try
        {
            response = await client.SendAsync(request);
            body = await response.Content.ReadAsStringAsync();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            _figures.Record(name, 0, [$"no response: {e.GetType().Name}"]);
            return;
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            var problems = contract.Check(operation, status, response.Content.Headers.ContentType?.MediaType, body,
                header => response.Headers.NonValidated.Contains(header) || response.Content.Headers.NonValidated.Contains(header));
            _figures.Record(name, status, problems.Select(p => $"{method} {template} → {status}: {p}").ToList());
            if (status == 201 && body.Length > 0)
            {
                Remember(name, body);
                if (idempotencyKey is not null)
                {
                    // A key that created something: reusing it replays (same body) or is 422 (another body).
                    _idempotencyKeys.Enqueue(idempotencyKey);
                    while (_idempotencyKeys.Count > 50 && _idempotencyKeys.TryDequeue(out _))
                    {
                    }
                }
            }
        }
    }

    private string Path(string template, Random random, Keys keys) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{([A-Za-z]+)\}", m => m.Groups[1].Value switch
        {
            "tenantId" => random.Next(5) > 0 ? keys.TenantId : "t" + random.Next(1000),
            _ when random.Next(6) == 0 => Uri.EscapeDataString(random.Next(3) switch { 0 => "pay_doesnotexist", 1 => "../x", _ => "ü" + random.Next(100) }),
            _ => Pick(Collection(template), random) ?? "none_" + random.Next(100),
        });

    private static string Collection(string template) =>
        template.StartsWith("/v1/accounts", StringComparison.Ordinal) ? "accounts"
        : template.StartsWith("/v1/payment-batches", StringComparison.Ordinal) ? "batches"
        : template.StartsWith("/v1/payments", StringComparison.Ordinal) ? "payments"
        : template.StartsWith("/v1/api-keys", StringComparison.Ordinal) ? "keys"
        : "other";

    private string Query(JsonObject operation, Random random)
    {
        if (operation["parameters"] is not JsonArray parameters)
        {
            return "";
        }
        var parts = new List<string>();
        foreach (var p in parameters.Where(p => p!["in"]!.GetValue<string>() == "query"))
        {
            if (random.Next(2) == 0)
            {
                continue;
            }
            var name = p!["name"]!.GetValue<string>();
            var schema = p["schema"]!;
            var value = random.Next(5) == 0
                ? new[] { "abc", "-1", "99999", "", "2026-13-40", "%00" }[random.Next(6)]
                : schema["enum"] is JsonArray e ? e[random.Next(e.Count)]!.GetValue<string>()
                : schema["type"]!.GetValue<string>() switch
                {
                    "integer" => random.Next(schema["minimum"]?.GetValue<int>() ?? 0, (schema["maximum"]?.GetValue<int>() ?? 10) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "boolean" => random.Next(2) == 0 ? "true" : "false",
                    _ when name is "from" or "to" => _today,
                    _ when name == "batchId" => Pick("batches", random) ?? "bat_x",
                    _ => "x" + random.Next(100),
                };
            parts.Add(Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value));
        }
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static void Authorize(HttpRequestMessage request, string template, Random random, Keys keys)
    {
        var admin = template.StartsWith("/v1/admin", StringComparison.Ordinal);
        var key = random.Next(20) switch
        {
            0 => null,
            1 => "bk_nokey_" + random.Next(1000),
            2 => admin ? keys.All : keys.Viewer,
            3 => admin ? keys.All : keys.Operator,
            _ => admin ? keys.Operator : keys.All,
        };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
    }

    private string? IdempotencyKey(HttpRequestMessage request, Random random)
    {
        var key = random.Next(20) switch
        {
            0 => null, // missing
            1 => new string('k', 256),
            < 4 when _idempotencyKeys.ToArray() is { Length: > 0 } used => used[random.Next(used.Length)], // replay or reuse
            _ => Guid.NewGuid().ToString("N"),
        };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }
        return key;
    }

    private static HttpContent? Body(JsonObject content, ValueGenerator values, Random random)
    {
        if (content["application/json"]?["schema"] is { } schema)
        {
            if (random.Next(200) == 0)
            {
                // Over the body limit (1 MiB; 16 MiB for batches): 413 for the JSON routes below 16 MiB.
                return new StringContent("{\"name\":\"" + new string('a', 2 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json");
            }
            return random.Next(20) switch
            {
                0 => new StringContent("{\"broken\":", Encoding.UTF8, "application/json"),
                1 => new StringContent("{}", Encoding.UTF8, "text/plain"),
                2 => null,
                < 9 => Json(values.Broken(schema)),
                _ => Json(values.Valid(schema)),
            };
        }
        // A statement file: a tiny MT940, a camt with a DTD, or noise, under a listed or an unlisted media type.
        var file = random.Next(3) switch
        {
            0 => ":20:REF\r\n:25:DE89370400440532013000\r\n:28C:1/1\r\n:60F:C261101EUR100,00\r\n:62F:C261101EUR100,00\r\n-",
            1 => "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x 'y'>]><Document>&x;</Document>",
            _ => "garbage " + random.Next(),
        };
        var types = content.Select(c => c.Key).Append("image/png").ToList();
        var bytes = new ByteArrayContent(Encoding.UTF8.GetBytes(file));
        bytes.Headers.ContentType = new MediaTypeHeaderValue(types[random.Next(types.Count)]);
        return bytes;

        static StringContent Json(JsonNode? value) => new(value?.ToJsonString() ?? "null", Encoding.UTF8, "application/json");
    }

    private string? Known(string name, Random random) => name switch
    {
        "debtorAccountId" => Pick("accounts", random),
        "bankConnectionId" => Pick("connections", random),
        "currency" => random.Next(2) == 0 ? "EUR" : "CNY",
        "value" => new[] { "1.00", "125.00", "0.01", "1250.00" }[random.Next(4)],
        "minAmount" => random.Next(2) == 0 ? "0.00" : "10000.00",
        "iban" => "GB82WEST12345698765432",
        "bic" => "NWBKGB2L",
        "accountNumber" => "6225880112345678",
        "bankCode" => "308584000013",
        "requestedExecutionDate" => _today,
        "bank" => random.Next(2) == 0 ? "simbank-iso" : "simbank-cmb",
        "sm4Key" => "00112233445566778899aabbccddeeff",
        "pullSchedule" => "0 0 1 1 1 *",
        "id" => "t" + Guid.NewGuid().ToString("N")[..10],
        _ => null,
    };

    private void Remember(string operation, string body)
    {
        try
        {
            var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString();
            var collection = operation switch
            {
                "SubmitPayment" => "payments",
                "SubmitBatch" => "batches",
                "CreateAccount" => "accounts",
                "CreateBankConnection" => "connections",
                "CreateApiKey" => "keys",
                _ => null,
            };
            if (collection is not null && id is not null)
            {
                Add(collection, id);
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // The contract check has already counted a body without an id.
        }
    }

    private void Add(string collection, string id) => _ids.GetOrAdd(collection, _ => []).Add(id);

    private string? Pick(string collection, Random random) =>
        _ids.TryGetValue(collection, out var bag) && bag.ToArray() is { Length: > 0 } ids ? ids[random.Next(ids.Length)] : null;

    private sealed record Keys(string Operator, string All, string Viewer, string TenantId);
}
