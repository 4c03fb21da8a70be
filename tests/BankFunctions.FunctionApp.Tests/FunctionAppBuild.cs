using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BankFunctions.FunctionApp.Tests;

/// <summary>The output folder of the real BankFunctions.FunctionApp build (same configuration as these tests) and what the Functions host reads from it.</summary>
public static class FunctionAppBuild
{
    public static string OutputFolder { get; } = Locate();

    public static string PathOf(string file) => Path.Combine(OutputFolder, file);

    /// <summary>The generated functions.metadata: one entry per function, as the Functions host indexes them.</summary>
    public static IReadOnlyList<JsonObject> Metadata() =>
        JsonNode.Parse(File.ReadAllText(PathOf("functions.metadata")))!.AsArray().Select(n => n!.AsObject()).ToList();

    public static JsonObject HostJson() =>
        JsonNode.Parse(File.ReadAllText(PathOf("host.json")), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();

    private static string Locate()
    {
        var folder = typeof(FunctionAppBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FunctionAppOutput").Value!;
        folder = Path.GetFullPath(folder);
        if (!File.Exists(Path.Combine(folder, "BankFunctions.FunctionApp.dll")))
        {
            throw new InvalidOperationException($"BankFunctions.FunctionApp is not built at {folder} (build the solution or this test project).");
        }
        return folder;
    }
}
