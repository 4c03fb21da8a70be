using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.RegularExpressions;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;

namespace BankFunctions.Features.OpenApi;

/// <summary>
/// Builds the OpenAPI 3.1 document from the FunctionCatalog, so every route is described and none can be
/// forgotten. Schemas come from the request/response records via System.Text.Json's schema exporter
/// (JSON Schema 2020-12, the dialect OpenAPI 3.1 uses), shaped into the contract by <see cref="ContractSchemaTransform"/>;
/// each record is one entry of components/schemas, and the exporter's internal references are re-rooted there.
/// </summary>
public static partial class OpenApiDocument
{
    private const string SchemasPointer = "#/components/schemas/";

    public static JsonObject Build(IEnumerable<FunctionDefinition> catalog)
    {
        var transform = new ContractSchemaTransform();
        var schemas = new JsonObject { ["Problem"] = Schema(typeof(ProblemBody), "Problem", transform) };
        var paths = new JsonObject();
        var functions = catalog.ToList();
        // A 201 names what it created in Location when that resource can be read (a GET route beneath the collection).
        var readable = functions.Select(f => f.Trigger).OfType<HttpTrigger>().Where(h => h.Method == "GET").Select(h => h.Route).ToHashSet(StringComparer.Ordinal);
        foreach (var function in functions)
        {
            if (function.Trigger is not HttpTrigger http)
            {
                continue;
            }
            var path = "/" + RouteConstraint().Replace(http.Route, "{$1}");
            if (paths[path] is not JsonObject item)
            {
                item = [];
                paths[path] = item;
            }
            var located = http.SuccessStatus == 201 && readable.Contains(http.Route + "/{id}");
            item[http.Method.ToLowerInvariant()] = Operation(function.Name, http, located, type => Component(type, schemas, transform));
        }
        var webhooks = Webhooks(type => Component(type, schemas, transform));
        var unused = ContractFields.All.Except(transform.Used).Select(f => $"{f.Owner.Name}.{f.Property}").ToList();
        if (unused.Count > 0)
        {
            throw new InvalidOperationException("ContractFields names properties no schema has: " + string.Join(", ", unused));
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "BankFunctions tenant API",
                ["version"] = "v1",
                ["description"] = "Payments, approvals, balances, transactions and statements across banks. Money is always a decimal string, never a JSON number.",
            },
            // Relative: the API is served by the host that serves this document.
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/", ["description"] = "The host serving this document" }),
            ["paths"] = paths,
            ["webhooks"] = webhooks,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["apiKey"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["description"] = "bk_<keyId>_<secret>, or the operator key on /v1/admin" },
                },
                ["schemas"] = schemas,
            },
        };
    }

    /// <summary>The headers of a stored document's answer (<see cref="HttpTrigger.Digested"/>).</summary>
    private static JsonObject DigestHeaders()
    {
        static JsonObject Header(string description) =>
            new() { ["description"] = description, ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } };
        return new JsonObject
        {
            ["ETag"] = Header("The quoted SHA-256 (hex) of the document"),
            ["Digest"] = Header("sha-256=<base64> (RFC 3230)"),
            ["Repr-Digest"] = Header("sha-256=:<base64>: (RFC 9530)"),
        };
    }

    /// <summary>The name a record has in components/schemas: nested records carry their feature's name (CreateTenantRequest).</summary>
    public static string SchemaName(Type type) => type.DeclaringType is { } outer ? outer.Name + type.Name : type.Name;

    private static JsonObject Component(Type type, JsonObject schemas, ContractSchemaTransform transform)
    {
        var name = SchemaName(type);
        if (!schemas.ContainsKey(name))
        {
            schemas[name] = Schema(type, name, transform);
        }
        return new JsonObject { ["$ref"] = SchemasPointer + name };
    }

    /// <summary>
    /// OpenAPI 3.1 webhooks (issue #14): what a webhook endpoint receives — one event per request, the same shape as
    /// GET /v1/events, signed per the Standard Webhooks specification (Webhooks/WebhookSignature), to the endpoints
    /// registered under /v1/webhook-endpoints.
    /// </summary>
    private static JsonObject Webhooks(Func<Type, JsonObject> component)
    {
        var header = (string description) => new JsonObject
        {
            ["in"] = "header", ["required"] = true, ["description"] = description, ["schema"] = new JsonObject { ["type"] = "string" },
        };
        var headers = new JsonArray(
            Named(header("The event id: the same on every attempt and redelivery (deduplicate on it)."), "webhook-id"),
            Named(header("Unix seconds of this attempt."), "webhook-timestamp"),
            Named(header("Space-separated \"v1,<base64 HMAC-SHA256 of id.timestamp.body>\" for each valid secret (two during a rotation)."), "webhook-signature"));
        return new JsonObject
        {
            ["event"] = new JsonObject
            {
                ["post"] = new JsonObject
                {
                    ["operationId"] = "ReceiveEvent",
                    // Authenticated by the webhook-signature header, not by an API key.
                    ["security"] = new JsonArray(),
                    ["summary"] = "A tenant event as a webhook carries it: the shape of GET /v1/events items, signed per Standard Webhooks",
                    ["description"] = "Sent to the endpoints registered with POST /v1/webhook-endpoints; GET /v1/events serves the same events to catch up. "
                        + "`data` by type: payment.* the payment (GET /v1/payments/{id}); batch.* the batch; transaction.booked the transaction as "
                        + "GET /v1/accounts/{id}/transactions lists it, with its accountId; balance.updated the account's balances (GET /v1/accounts/{id}/balances); "
                        + "statement.warning the account, statement id and warnings; bank_connection.unavailable|available the connection's availability; "
                        + "receipt.available the entry, its payments and the document's content type, sha256 and size; "
                        + "webhook_endpoint.disabled the endpoint (GET /v1/webhook-endpoints/{id}).",
                    ["parameters"] = headers,
                    ["requestBody"] = new JsonObject { ["required"] = true, ["content"] = Json(EventBody(component)) },
                    ["responses"] = new JsonObject
                    {
                        ["2XX"] = new JsonObject { ["description"] = "Received (within 15 s); anything else is retried with back-off" },
                        ["410"] = new JsonObject { ["description"] = "Gone: the endpoint is disabled and nothing more is sent" },
                    },
                },
            },
        };
    }

    /// <summary>The event shape with its <c>type</c> limited to the types there are and <c>data</c> one of the resources they carry.</summary>
    private static JsonObject EventBody(Func<Type, JsonObject> component)
    {
        var types = new JsonArray(Events.EventTypes.All.Select(t => (JsonNode)JsonValue.Create(t)).ToArray());
        var data = new JsonArray(new[]
        {
            typeof(Payments.PaymentView), typeof(Payments.BatchView), typeof(Statements.TransactionView), typeof(Statements.BalancesView),
            typeof(Events.AccountEvents.WarningEventView), typeof(BankConnections.BankConnectionAvailabilityView), typeof(Events.AccountEvents.ReceiptEventView),
            typeof(Webhooks.WebhookEndpointView),
        }.Select(t => (JsonNode)component(t)).ToArray());
        return new JsonObject
        {
            ["allOf"] = new JsonArray(
                component(typeof(Events.EventView)),
                new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["type"] = new JsonObject { ["type"] = "string", ["enum"] = types },
                        ["data"] = new JsonObject { ["oneOf"] = data, ["description"] = "transaction.booked adds accountId to the transaction." },
                    },
                }),
        };
    }

    private static JsonObject Named(JsonObject parameter, string name)
    {
        parameter["name"] = name;
        return parameter;
    }

    private static JsonObject Operation(string name, HttpTrigger http, bool located, Func<Type, JsonObject> component)
    {
        var success = new JsonObject { ["description"] = "Success" };
        if (http.ResponseBody is not null)
        {
            success["content"] = Json(component(http.ResponseBody));
        }
        else if (name == "OpenApi")
        {
            success["content"] = Json(new JsonObject { ["type"] = "object", ["description"] = "This document" });
        }
        if (http.ResponseMediaTypes.Count > 0)
        {
            // Files (CSV, camt XML): described in the operation's text, not by a JSON schema.
            var content = success["content"] as JsonObject ?? [];
            foreach (var mediaType in http.ResponseMediaTypes)
            {
                content[mediaType] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } };
            }
            success["content"] = content;
        }
        if (located)
        {
            success["headers"] = new JsonObject
            {
                ["Location"] = new JsonObject { ["description"] = "Path of the created resource", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } },
            };
        }
        var responses = new JsonObject { [http.SuccessStatus.ToString(CultureInfo.InvariantCulture)] = success };
        if (http.Digested)
        {
            success["headers"] = DigestHeaders();
            responses["304"] = new JsonObject { ["description"] = "Not modified: If-None-Match names the current ETag", ["headers"] = DigestHeaders() };
        }
        if (name == "Health" && http.ResponseBody is not null)
        {
            // /health answers 503 with the same body when a dependency is down.
            responses["503"] = new JsonObject { ["description"] = "A dependency is unavailable", ["content"] = Json(component(http.ResponseBody)) };
        }
        responses["4XX"] = ProblemResponse("RFC 9457 problem details");
        responses["5XX"] = ProblemResponse("RFC 9457 problem details (the trace id is logged)");

        var operation = new JsonObject
        {
            ["operationId"] = name,
            ["summary"] = http.Summary,
            ["responses"] = responses,
        };
        var parameters = new JsonArray();
        foreach (Match m in RouteConstraint().Matches(http.Route))
        {
            parameters.Add(new JsonObject { ["name"] = m.Groups[1].Value, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }
        foreach (var q in http.Query)
        {
            parameters.Add(new JsonObject { ["name"] = q, ["in"] = "query", ["required"] = QueryParameters.Required(name, q), ["schema"] = QueryParameters.Schema(name, q) });
        }
        foreach (var h in http.RequiredHeaders)
        {
            parameters.Add(new JsonObject { ["name"] = h, ["in"] = "header", ["required"] = true, ["schema"] = HeaderSchema(h) });
        }
        if (http.Digested)
        {
            parameters.Add(new JsonObject
            {
                ["name"] = "If-None-Match", ["in"] = "header", ["required"] = false, ["description"] = "An ETag from an earlier answer: 304 while it is current",
                ["schema"] = new JsonObject { ["type"] = "string" },
            });
        }
        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }
        if (BodyRules(name, http) is { } rules)
        {
            operation["description"] = rules;
        }
        if (http.RequestBody is { } requestType)
        {
            // approve / reject / cancel take an optional {reason}: an empty body is fine there.
            operation["requestBody"] = new JsonObject { ["required"] = requestType != typeof(Payments.ReasonInput), ["content"] = Json(component(requestType)) };
        }
        else if (http.RawBodyTypes.Count > 0)
        {
            // A file as the body (statement import): any of these media types, bytes as they are.
            var content = new JsonObject();
            foreach (var mediaType in http.RawBodyTypes)
            {
                content[mediaType] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } };
            }
            operation["requestBody"] = new JsonObject { ["required"] = true, ["content"] = content };
        }
        if (http.Access is AnonymousAccess)
        {
            operation["security"] = new JsonArray();
        }
        else
        {
            operation["security"] = new JsonArray(new JsonObject { ["apiKey"] = new JsonArray() });
            operation["x-required-access"] = http.Access switch
            {
                OperatorAccess => "operator",
                TenantAccess t => Roles.Format(t.Role),
                _ => null,
            };
        }
        return operation;
    }

    /// <summary>The body's media type and size rules, from the limits the handlers enforce.</summary>
    private static string? BodyRules(string name, HttpTrigger http)
    {
        static string MiB(long bytes) => (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MiB";
        if (http.RequestBody is not null)
        {
            var limit = name == "SubmitBatch" ? Payments.SubmitBatch.MaxBodyBytes : JsonBody.MaxBytes;
            return $"Body: application/json in UTF-8 (another content type or charset is 415 unsupported-media-type), at most {MiB(limit)} (413).";
        }
        if (http.RawBodyTypes.Count > 0)
        {
            return $"Body: the file itself, sent as {string.Join(", ", http.RawBodyTypes)} (any other content type is 415), at most {MiB(Statements.ImportStatement.MaxBodyBytes)} (413).";
        }
        return null;
    }

    private static JsonObject HeaderSchema(string header) => header == "Idempotency-Key"
        ? new JsonObject { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = Idempotency.IdempotencyKeys.MaxLength, ["pattern"] = "^[\\x20-\\x7E]+$" }
        : new JsonObject { ["type"] = "string" };

    private static JsonObject ProblemResponse(string description) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject { [Problem.ContentType] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = SchemasPointer + "Problem" } } },
    };

    private static JsonObject Json(JsonNode schema) => new() { ["application/json"] = new JsonObject { ["schema"] = schema } };

    private static JsonNode Schema(Type type, string name, ContractSchemaTransform transform)
    {
        var schema = ApiJson.Options.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = transform.Transform,
        });
        Reroot(schema, SchemasPointer + name);
        return schema;
    }

    /// <summary>The exporter writes repeated types as references relative to its own root ("#/properties/x/items").</summary>
    private static void Reroot(JsonNode? node, string root)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["$ref"] is JsonValue r && r.GetValue<string>() is var target && target.StartsWith('#') && !target.StartsWith(SchemasPointer, StringComparison.Ordinal))
                {
                    o["$ref"] = root + target[1..];
                }
                foreach (var (_, child) in o.ToList())
                {
                    Reroot(child, root);
                }
                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Reroot(child, root);
                }
                break;
        }
    }

    /// <summary>A route parameter, with its constraint or as a catch-all (<c>{*path}</c>: OpenAPI has no catch-all, so plain <c>{path}</c>).</summary>
    [GeneratedRegex(@"\{\*?([A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex RouteConstraint();
}
