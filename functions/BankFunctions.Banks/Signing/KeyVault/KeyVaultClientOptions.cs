using Azure.Core;

namespace BankFunctions.Banks.Signing.KeyVault;

/// <summary>
/// Pipeline options for the Key Vault keys REST client. Azure.Core's retry policy retries 408/429/500/502/503/504
/// and waits at least what a Retry-After header asks for; Key Vault throttles at 4,000 RSA-2048 operations per 10 s
/// per vault, so 429 is expected under load.
/// </summary>
public sealed class KeyVaultClientOptions : ClientOptions
{
    public KeyVaultClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 4;
        Retry.Delay = TimeSpan.FromMilliseconds(800);
        Retry.MaxDelay = TimeSpan.FromSeconds(30);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
    }

    /// <summary>The keys REST api-version this client speaks (documented sign/get/create contract).</summary>
    public string ApiVersion { get; set; } = "2025-07-01";

    /// <summary>AAD scope for Key Vault data-plane tokens.</summary>
    public string Scope { get; set; } = "https://vault.azure.net/.default";
}
