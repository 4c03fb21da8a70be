using System.Text.Json.Nodes;

namespace BankFunctions.Features.OpenApi;

/// <summary>The schema of each query parameter the catalog lists, as its handler parses it.</summary>
internal static class QueryParameters
{
    /// <summary>Query parameters a route refuses to run without.</summary>
    public static bool Required(string operation, string name) =>
        name is "from" or "to" && operation is "GetReconciliation" or "ExportTransactions";

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
        // The reconciliation report and the export need both days (at most a year apart).
        "from" or "to" when operation is "GetReconciliation" or "ExportTransactions" =>
            new JsonObject { ["type"] = "string", ["format"] = "date", ["description"] = $"the window is at most {Reconciliation.ReportWindow.MaxDays} days" },
        "from" or "to" => new JsonObject { ["type"] = "string", ["format"] = "date" },
        "format" => new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("csv", "camt.053"), ["default"] = "csv" },
        "cursor" => new JsonObject { ["type"] = "string", ["description"] = "nextCursor of the previous page" },
        _ => new JsonObject { ["type"] = "string" },
    };
}
