namespace BankFunctions.Features.SignIn;

/// <summary>
/// A sign-in that cannot finish. <see cref="Reason"/> is the short code the console is sent back with
/// (state, provider, not-invited, disabled); the message is for the log, never for the browser.
/// </summary>
public sealed class SignInFailedException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}
