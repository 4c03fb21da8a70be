using System.Collections.Concurrent;

namespace BankFunctions.Host.Tests.Contract;

/// <summary>
/// Sits in every HttpClient the host fixture hands out: each response the tests receive is checked against the
/// served OpenAPI document (documented status, media type, body schema). A violation is recorded for the fixture's
/// final check and fails the request at once, so the test that met it names it.
/// </summary>
public sealed class ContractCheckingHandler(Func<OpenApiContract> contract, ConcurrentQueue<string> violations) : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        var operation = contract().Operation(request.Method.Method, path, out var template);
        if (operation is null)
        {
            return response; // not an API route (a probe of an unknown path): nothing documented to hold it to
        }
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var problems = contract().Check(operation, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body,
            name => response.Headers.NonValidated.Contains(name) || response.Content.Headers.NonValidated.Contains(name));
        if (problems.Count > 0)
        {
            var message = $"{request.Method} {template} → {(int)response.StatusCode}: {string.Join("; ", problems)}";
            violations.Enqueue(message);
            throw new ContractViolationException(message + Environment.NewLine + (body.Length > 2000 ? body[..2000] : body));
        }
        return response;
    }
}

public sealed class ContractViolationException(string message) : Exception(message);
