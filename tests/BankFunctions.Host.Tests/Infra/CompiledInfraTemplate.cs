using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Infra;

/// <summary>
/// infra/main.bicep compiled to ARM JSON by the pinned Bicep CLI (installed by infra/build.sh), once per test class.
/// Modules compile to nested Microsoft.Resources/deployments whose inline template and parameters are inspected.
/// </summary>
public sealed partial class CompiledInfraTemplate : IDisposable
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(5);

    private readonly string _outputFolder = Path.Combine(Path.GetTempPath(), "bankfn-infra-" + Guid.NewGuid().ToString("N"));

    private readonly string _bicep;

    public CompiledInfraTemplate()
    {
        var bicep = _bicep = InstallBicep();
        Directory.CreateDirectory(_outputFolder);
        var compiled = Path.Combine(_outputFolder, "main.json");
        Run(bicep, ["build", RepoPaths.Combine("infra", "main.bicep"), "--outfile", compiled]);
        Root = JsonNode.Parse(File.ReadAllText(compiled))!.AsObject();
    }

    public JsonObject Root { get; }

    /// <summary>The module deployment declared in main.bicep with this deployment name (e.g. "storage").</summary>
    public JsonObject Deployment(string deploymentName) =>
        Resources(Root).Single(r => (string?)r["type"] == "Microsoft.Resources/deployments" && (string?)r["name"] == deploymentName);

    /// <summary>A parameter value main.bicep passes to a module, with a plain <c>[variables('x')]</c> resolved.</summary>
    public JsonNode ModuleParameter(string deploymentName, string parameterName)
    {
        var value = Deployment(deploymentName)["properties"]!["parameters"]![parameterName]!["value"]!;
        if (value is JsonValue v && v.TryGetValue<string>(out var text) && VariableReference().Match(text) is { Success: true } match)
        {
            return Root["variables"]![match.Groups["name"].Value]!;
        }
        return value;
    }

    /// <summary>
    /// The parameter values of infra/parameters/&lt;name&gt;.bicepparam as deployed (build-params), with placeholders for
    /// the values a real deployment must set in the environment (as infra/build.sh does).
    /// </summary>
    public JsonObject ParameterValues(string name)
    {
        var output = Path.Combine(_outputFolder, name + ".parameters.json");
        Run(_bicep, ["build-params", RepoPaths.Combine("infra", "parameters", name + ".bicepparam"), "--outfile", output], new Dictionary<string, string>
        {
            ["BANKFN_BANK_ISO_BASE_URL"] = "https://bank-iso.test.invalid",
            ["BANKFN_BANK_CMB_BASE_URL"] = "https://bank-cmb.test.invalid",
        });
        return JsonNode.Parse(File.ReadAllText(output))!["parameters"]!.AsObject();
    }

    /// <summary>The inline ARM template of a module deployment.</summary>
    public JsonObject ModuleTemplate(string deploymentName) => Deployment(deploymentName)["properties"]!["template"]!.AsObject();

    /// <summary>Every resource of a template (languageVersion 2.0 keys them by symbolic name, 1.0 lists them).</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonObject bySymbolicName => bySymbolicName.Select(entry => entry.Value!.AsObject()),
        JsonArray list => list.Select(node => node!.AsObject()),
        _ => [],
    };

    public static IEnumerable<JsonObject> ResourcesOfType(JsonObject template, string type) =>
        Resources(template).Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_outputFolder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static string InstallBicep()
    {
        var output = Run("bash", [RepoPaths.Combine("infra", "build.sh"), "--install-only"]);
        var path = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        return File.Exists(path) ? path : throw new InvalidOperationException("infra/build.sh --install-only printed no Bicep path: " + output);
    }

    private static string Run(string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        // The test host's MSBuild variables would leak into the throwaway restore build.sh may run.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + fileName);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(ProcessTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {ProcessTimeout}");
        }
        var errors = stderr.GetAwaiter().GetResult();
        if (process.ExitCode != 0 || errors.Contains(" : Error ", StringComparison.Ordinal) || errors.Contains(" : Warning ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{errors}");
        }
        return stdout.GetAwaiter().GetResult();
    }

    [GeneratedRegex(@"^\[variables\('(?<name>[A-Za-z0-9_]+)'\)\]$")]
    private static partial Regex VariableReference();
}
