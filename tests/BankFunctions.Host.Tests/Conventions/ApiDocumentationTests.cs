using System.Text.RegularExpressions;
using BankFunctions.Features;
using BankFunctions.Features.Runtime;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Conventions;

/// <summary>
/// docs/API.md is the contract a newcomer reads (the README links it): every HTTP route of the catalog has its row in
/// its route table, and the table names no route the system does not serve.
/// </summary>
public sealed partial class ApiDocumentationTests
{
    [Fact]
    public void Every_catalog_route_is_in_the_route_table_of_docs_api_md_and_no_other()
    {
        var documented = RouteRow().Matches(File.ReadAllText(RepoPaths.Combine("docs", "API.md")))
            .Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}")
            .ToHashSet(StringComparer.Ordinal);
        var served = FunctionCatalog.All
            .Select(f => f.Trigger)
            .OfType<HttpTrigger>()
            .Select(t => $"{t.Method} /{Constraint().Replace(t.Route, "")}")
            .ToHashSet(StringComparer.Ordinal);

        Assert.Empty(served.Except(documented).Order(StringComparer.Ordinal));
        Assert.Empty(documented.Except(served).Order(StringComparer.Ordinal));
    }

    /// <summary>A row of the route table: <c>| `METHOD /path` | role | what |</c>.</summary>
    [GeneratedRegex(@"^\| `(GET|POST|PUT|PATCH|DELETE) (/[^`]*)` \|", RegexOptions.Multiline)]
    private static partial Regex RouteRow();

    /// <summary>Route constraints (<c>{id:regex(…)}</c>) are the host's business, not the reader's.</summary>
    [GeneratedRegex(@"(?<=\{[A-Za-z]+):[^}]*(?=\})")]
    private static partial Regex Constraint();
}
