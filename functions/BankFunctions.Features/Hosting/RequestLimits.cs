namespace BankFunctions.Features.Hosting;

/// <summary>The server-side request limits both hosts set (Kestrel in the ASP.NET Core host and in the Functions worker).</summary>
public static class RequestLimits
{
    /// <summary>Request bodies up to the statement-import limit reach the handlers, which apply tighter limits per route.</summary>
    public const long MaxRequestBodyBytes = Statements.ImportStatement.MaxBodyBytes;
}
