namespace BankFunctions.Features.Auth;

/// <summary>The platform operator's key (configuration <c>Operator__ApiKey</c>), used only on /v1/admin routes.</summary>
public sealed class OperatorOptions
{
    public const string Section = "Operator";

    public string ApiKey { get; set; } = "";

    public void Validate()
    {
        if (ApiKey.Length < 24)
        {
            throw new InvalidOperationException("Operator__ApiKey must be set to a random value of at least 24 characters.");
        }
    }
}
