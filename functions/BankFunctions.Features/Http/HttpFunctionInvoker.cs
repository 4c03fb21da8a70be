using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using BankFunctions.Features.Auth;

namespace BankFunctions.Features.Http;

/// <summary>
/// Runs one HTTP function the same way in both hosts: authenticate and authorise, rate-limit the tenant, call
/// the handler, and turn every failure into a problem response (never a stack trace).
/// </summary>
public sealed partial class HttpFunctionInvoker(RequestAuthenticator authenticator, TenantRateLimiter rateLimiter, ILogger<HttpFunctionInvoker> logger)
{
    public async Task<IResult> InvokeAsync(FunctionDefinition function, HttpContext context)
    {
        var trigger = (HttpTrigger)function.Trigger;
        var cancellationToken = context.RequestAborted;
        ResponseHeaders.Apply(context);
        try
        {
            var caller = await authenticator.AuthenticateAsync(context, trigger.Access, cancellationToken);
            if (caller is not null)
            {
                context.SetCaller(caller);
                if (caller.TenantId is { } tenantId && rateLimiter.TryAcquire(tenantId) is { } retryAfter)
                {
                    return Problem.RateLimited(retryAfter);
                }
                if (AccountScope.Hides(trigger, context, caller) is { } hidden)
                {
                    return hidden;
                }
            }
            var handler = (IHttpHandler)context.RequestServices.GetRequiredService(function.Handler);
            return await handler.HandleAsync(context, cancellationToken);
        }
        catch (ProblemException problem)
        {
            return problem.Problem;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Results.StatusCode(499);
        }
        catch (BadHttpRequestException e)
        {
            // The server's own body limit (Kestrel's, in either host) stopped the read: name that limit, not a handler's.
            return e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Problem.TooLarge(context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? JsonBody.MaxBytes)
                : Problem.Malformed("The request could not be read.");
        }
        catch (Exception e)
        {
            LogUnhandled(logger, e, function.Name);
            return Problem.Internal();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in function {Function}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string function);
}
