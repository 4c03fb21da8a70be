namespace DevIdentity;

/// <summary>What the provider logs: sign-ins and refusals, so a failing relying party can be diagnosed from the log.</summary>
public static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Email} signed in to {ClientId}")]
    public static partial void SignedIn(ILogger logger, string email, string clientId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in to {ClientId} failed: wrong email or password")]
    public static partial void WrongCredentials(ILogger logger, string clientId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Token request refused ({Error}): {Description}")]
    public static partial void TokenRefused(ILogger logger, string error, string description);
}
