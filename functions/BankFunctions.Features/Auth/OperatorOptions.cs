namespace BankFunctions.Features.Auth;

/// <summary>The platform operator's key (configuration <c>Operator__ApiKey</c>), used only on /v1/admin routes.</summary>
public sealed class OperatorOptions
{
    public const string Section = "Operator";

    public string ApiKey { get; set; } = "";

    public void Validate()
    {
        // An unresolved App Service Key Vault reference arrives as its literal text: never accept that as a key.
        if (ApiKey.Length < 24 || ApiKey.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("Operator__ApiKey must be set to a random value of at least 24 characters.");
        }
    }
}
