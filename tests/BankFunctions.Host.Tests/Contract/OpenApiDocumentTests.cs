extern alias JsonSchemaNet;

using System.Diagnostics;
using System.Text.Json.Nodes;
using BankFunctions.TestSupport;
using JsonSchemaNet::Json.Schema;

namespace BankFunctions.Host.Tests.Contract;

/// <summary>
/// The served OpenAPI document checked by tools that did not write it: redocly lint (pinned in package.json) and
/// JsonSchema.Net's 2020-12 meta-schema; and the contract rules it must state (issue #19 item 8).
/// </summary>
[Collection(HostCollection.Name)]
public sealed class OpenApiDocumentTests(HostFixture host)
{
    private JsonObject Document => host.Contract.Document;

    [Fact]
    public async Task Redocly_lint_finds_no_error_and_every_reference_resolves()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bf-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, Document.ToJsonString());
        try
        {
            var psi = new ProcessStartInfo(RepoPaths.Combine("node_modules", ".bin", "redocly"))
            {
                WorkingDirectory = RepoPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var arg in new[] { "lint", file, "--config", RepoPaths.Combine("redocly.yaml"), "--format", "stylish" })
            {
                psi.ArgumentList.Add(arg);
            }
            // Offline and quiet: no usage telemetry, no update check.
            psi.Environment["REDOCLY_TELEMETRY"] = "off";
            psi.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            using var process = Process.Start(psi)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"redocly lint failed:\n{await output}\n{await errors}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Every_component_schema_is_valid_JSON_Schema_2020_12()
    {
        foreach (var (name, schema) in Document["components"]!["schemas"]!.AsObject())
        {
            var result = MetaSchemas.Draft202012.Evaluate(schema, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, name + ": " + string.Join("; ", result.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Value}"))));
        }
    }

    [Fact]
    public void Fields_the_api_omits_when_null_are_not_required()
    {
        AssertOptional("Problem", "errors", "detail");
        AssertOptional("GetHealthCheck", "detail");
        AssertOptional("PaymentView", "batchId", "isoStatus", "bookingReference", "statusReason");
        AssertOptional("AccountView", "accountNumber", "bankCode", "iban", "bic", "pullSchedule");
        AssertOptional("ListPaymentsResponse", "nextCursor");
        Assert.DoesNotContain("revokedAt", Required(Items("ListApiKeysResponse")));
        Assert.Contains("status", Required(Schema("PaymentView")));
    }

    [Fact]
    public void Request_schemas_require_only_what_the_validators_require_and_state_their_rules()
    {
        var payment = Schema("PaymentInput");
        Assert.Equal(["debtorAccountId", "amount"], Required(payment)); // creditor, or counterpartyId + counterpartyAccountId
        Assert.Empty(Required(Schema("CounterpartyInput"))); // name is required on POST only (PATCH keeps what is absent)
        var creditor = payment["properties"]!["creditor"]!.AsObject();
        Assert.Equal(["name"], Required(creditor));
        Assert.Equal(70, creditor["properties"]!["name"]!["maxLength"]!.GetValue<int>());
        Assert.NotNull(creditor["properties"]!["iban"]!["pattern"]);
        Assert.Equal(["currency", "value"], Required(payment["properties"]!["amount"]!.AsObject()));
        Assert.Equal(@"^[0-9]+(\.[0-9]+)?$", payment["properties"]!["amount"]!["properties"]!["value"]!["pattern"]!.GetValue<string>());
        Assert.Empty(Required(Schema("ReasonInput")));
        Assert.False(Operation("/v1/payments/{id}/approve", "post")["requestBody"]!["required"]!.GetValue<bool>());
        Assert.Contains("pending_approval", Schema("PaymentView")["properties"]!["status"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["viewer", "submitter", "approver", "admin"], Schema("ApiKeyRequest")["properties"]!["roles"]!["items"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        var limit = Operation("/v1/payments", "get")["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "limit")!;
        Assert.Equal("integer", limit["schema"]!["type"]!.GetValue<string>());
        Assert.Equal(255, Operation("/v1/payments", "post")["parameters"]!.AsArray().Single(p => p!["in"]!.GetValue<string>() == "header")!["schema"]!["maxLength"]!.GetValue<int>());
        Assert.NotEmpty(Document["servers"]!.AsArray());
        Assert.NotNull(Operation("/v1/payments", "post")["responses"]!["201"]!["headers"]!["Location"]);
        Assert.NotNull(Operation("/v1/accounts", "post")["responses"]!["201"]!["headers"]!["Location"]);
        Assert.Null(Operation("/v1/admin/tenants", "post")["responses"]!["201"]!["headers"]); // no GET for one tenant
    }

    [Fact]
    public void Money_is_never_a_json_number()
    {
        var numbers = new List<string>();
        Walk(Document["components"]!, "#/components", numbers);
        Assert.Empty(numbers);

        static void Walk(JsonNode? node, string at, List<string> found)
        {
            if (node is JsonObject o)
            {
                var type = o["type"];
                if (type is JsonValue v && v.GetValue<string>() == "number" || type is JsonArray a && a.Any(t => t?.GetValue<string>() == "number"))
                {
                    found.Add(at);
                }
                foreach (var (key, child) in o)
                {
                    Walk(child, at + "/" + key, found);
                }
            }
            else if (node is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], at + "/" + i, found);
                }
            }
        }
    }

    private JsonObject Schema(string name) => Document["components"]!["schemas"]![name]!.AsObject();

    private JsonObject Items(string name) => Schema(name)["properties"]!["items"]!["items"]!.AsObject();

    private JsonObject Operation(string path, string method) => Document["paths"]![path]![method]!.AsObject();

    private static List<string> Required(JsonObject schema) =>
        schema["required"] is JsonArray r ? r.Select(v => v!.GetValue<string>()).ToList() : [];

    private void AssertOptional(string schema, params string[] fields)
    {
        var node = schema == "GetHealthCheck" ? Schema("GetHealthResponse")["properties"]!["checks"]!["items"]!.AsObject() : Schema(schema);
        var required = Required(node);
        foreach (var field in fields)
        {
            Assert.True(node["properties"]![field] is not null, $"{schema}.{field} missing");
            Assert.DoesNotContain(field, required);
        }
    }
}
