using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using BankFunctions.Banks.Signing;
using BankFunctions.Banks.Signing.KeyVault;
using BankFunctions.Banks.Signing.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BankFunctions.Features.BankConnections;

/// <summary>
/// Where connection signing keys live: <c>Signing__Mode=Local</c> (PEM files under <c>Signing__LocalKeyPath</c>) or
/// <c>KeyVault</c> (<c>KeyVault__Uri</c>, reached with the app's managed identity): RSA/EC keys as Key Vault keys, SM2
/// keys (no Key Vault key type) and connection secrets (the CMB SM4 key) as Key Vault secrets. Locally, connection
/// secrets are files beside the keys.
/// </summary>
public static class SigningKeysSetup
{
    public static IServiceCollection AddSigningKeys(this IServiceCollection services, IConfiguration configuration)
    {
        var local = configuration.GetSection(LocalKeyOptions.Section).Get<LocalKeyOptions>() ?? new LocalKeyOptions();
        services.AddSingleton(local);
        var mode = configuration["Signing:Mode"] ?? "Local";
        if (string.Equals(mode, "KeyVault", StringComparison.OrdinalIgnoreCase))
        {
            var vault = configuration["KeyVault:Uri"] is { Length: > 0 } uri
                ? new Uri(uri)
                : throw new InvalidOperationException("Signing__Mode=KeyVault needs KeyVault__Uri.");
            // The credential and client options are services so a host can replace them (tests: the in-process
            // Key Vault fake on a loopback https port); in Azure it is the app's managed identity.
            services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
            services.TryAddSingleton(_ => new KeyVaultClientOptions());
            services.TryAddSingleton(_ => new SecretClientOptions());
            services.AddSingleton(sp => new SecretClient(vault, sp.GetRequiredService<TokenCredential>(), sp.GetRequiredService<SecretClientOptions>()));
            services.AddSingleton<ISigningKeyStore>(sp => new KeyVaultSigningKeyStore(
                new KeyVaultKeysClient(vault, sp.GetRequiredService<TokenCredential>(), sp.GetRequiredService<KeyVaultClientOptions>()),
                sp.GetRequiredService<SecretClient>()));
            services.AddSingleton<IConnectionSecretStore>(sp => new KeyVaultConnectionSecrets(sp.GetRequiredService<SecretClient>()));
        }
        else
        {
            services.AddSingleton<ISigningKeyStore>(new LocalSigningKeyStore(local.LocalKeyPath));
            services.AddSingleton<IConnectionSecretStore>(new LocalConnectionSecrets(local));
        }
        services.AddSingleton<IConnectionSecrets>(sp => sp.GetRequiredService<IConnectionSecretStore>());
        return services;
    }
}
