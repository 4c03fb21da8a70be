using System.Text.Json.Nodes;

namespace BankFunctions.Features.OpenApi;

/// <summary>The schema of each query parameter the catalog lists, as its handler parses it.</summary>
internal static class QueryParameters
{
    public static JsonObject Schema(string operation, string name) => name switch
    {
        "limit" => new JsonObject
        {
            ["type"] = "integer",
            ["minimum"] = 1,
            ["maximum"] = operation is "GetBatch" or "ListAudit" ? Cursor.LargeMaxLimit
                : operation == "ListUnmatchedTransactions" ? ManualMatching.ListUnmatchedTransactions.MaxLimit : Cursor.MaxLimit,
        },
        "matched" => new JsonObject { ["type"] = "boolean" },
        "strict" => new JsonObject { ["type"] = "boolean", ["description"] = "refuse the deviations lenient reading tolerates with a warning (docs/statement-warnings.md)" },
        "status" => new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(ContractFields.Statuses.Select(s => (JsonNode?)s).ToArray()) },
        // The audit trail takes instants (a date or a date-time); transactions take days.
        "from" or "to" when operation == "ListAudit" => new JsonObject { ["type"] = "string", ["description"] = "ISO 8601 date or date-time (UTC when no offset)" },
        "from" or "to" => new JsonObject { ["type"] = "string", ["format"] = "date" },
        "cursor" => new JsonObject { ["type"] = "string", ["description"] = "nextCursor of the previous page" },
        _ => new JsonObject { ["type"] = "string" },
    };
}
