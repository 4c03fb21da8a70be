using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.OpenApi;

/// <summary>GET /openapi/v1.json: the contract, generated from the catalog once per process.</summary>
public sealed class GetOpenApi : IHttpHandler
{
    private static readonly Lazy<string> Document = new(() => OpenApiDocument.Build(FunctionCatalog.All).ToJsonString());

    public Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Results.Text(Document.Value, "application/json"));
}
