using System.Text.Json;
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
/// (JSON Schema 2020-12, the dialect OpenAPI 3.1 uses).
/// </summary>
public static partial class OpenApiDocument
{
    public static JsonObject Build(IEnumerable<FunctionDefinition> catalog)
    {
        var paths = new JsonObject();
        foreach (var function in catalog)
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
            item[http.Method.ToLowerInvariant()] = Operation(function.Name, http);
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "BankFunctions tenant API",
                ["version"] = "v1",
                ["description"] = "Payments, approvals, balances, transactions and statements across banks.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["apiKey"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["description"] = "bk_<keyId>_<secret>, or the operator key on /v1/admin" },
                },
                ["schemas"] = new JsonObject { ["Problem"] = Schema(typeof(ProblemBody)) },
            },
        };
    }

    private static JsonObject Operation(string name, HttpTrigger http)
    {
        var responses = new JsonObject
        {
            [http.SuccessStatus.ToString(System.Globalization.CultureInfo.InvariantCulture)] = http.ResponseBody is null
                ? new JsonObject { ["description"] = "Success" }
                : new JsonObject { ["description"] = "Success", ["content"] = Json(Schema(http.ResponseBody)) },
            ["4XX"] = new JsonObject
            {
                ["description"] = "RFC 9457 problem details",
                ["content"] = new JsonObject { [Problem.ContentType] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/Problem" } } },
            },
        };
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
            parameters.Add(new JsonObject { ["name"] = q, ["in"] = "query", ["required"] = false, ["schema"] = new JsonObject { ["type"] = "string" } });
        }
        foreach (var h in http.RequiredHeaders)
        {
            parameters.Add(new JsonObject { ["name"] = h, ["in"] = "header", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }
        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }
        if (http.RequestBody is { } requestType)
        {
            operation["requestBody"] = new JsonObject { ["required"] = true, ["content"] = Json(Schema(requestType)) };
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
        if (http.Access is not AnonymousAccess)
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

    private static JsonObject Json(JsonNode schema) => new() { ["application/json"] = new JsonObject { ["schema"] = schema } };

    private static JsonNode Schema(Type type) => ApiJson.Options.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });

    [GeneratedRegex(@"\{([A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex RouteConstraint();
}
