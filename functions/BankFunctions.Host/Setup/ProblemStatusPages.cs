using BankFunctions.Features.Http;

namespace BankFunctions.Host.Setup;

/// <summary>Gives the framework's own bodiless errors (404 for unknown routes, 405, 400 from Kestrel) a problem-details body too.</summary>
public static class ProblemStatusPages
{
    public static void UseProblemStatusPages(this WebApplication app)
    {
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            var problem = status switch
            {
                404 => Problem.NotFound($"Route '{http.Request.Method} {http.Request.Path}'"),
                405 => Problem.Create(405, ProblemTypes.MalformedRequest, "Method not allowed.", $"{http.Request.Method} is not supported on this route."),
                413 => Problem.TooLarge(HostSetup.MaxRequestBodyBytes),
                _ => Problem.Create(status, ProblemTypes.MalformedRequest, "The request failed.", null),
            };
            await problem.ExecuteAsync(http);
        });
    }
}
