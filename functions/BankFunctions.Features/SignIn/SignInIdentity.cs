namespace BankFunctions.Features.SignIn;

/// <summary>Who the provider says signed in, from a validated id_token.</summary>
public sealed record SignInIdentity(string Issuer, string Subject, string? Email, bool EmailVerified, string? Name);
