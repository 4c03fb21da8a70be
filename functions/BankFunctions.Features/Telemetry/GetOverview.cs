using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Telemetry;

/// <summary>
/// GET /v1/admin/overview (operator): the platform's figures — queues, banks, tenants — as the gauges report them
/// (<see cref="PlatformOverviewService"/>, cached for <c>Telemetry__OverviewCacheSeconds</c>; <c>generatedAt</c> says when read).
/// </summary>
public sealed class GetOverview(PlatformOverviewService overview) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken) =>
        Results.Json(await overview.GetAsync(cancellationToken), ApiJson.Options);
}
