using Azure.Identity;
using BankFunctions.Banks.Signing;
using BankFunctions.Banks.Signing.KeyVault;
using BankFunctions.Banks.Signing.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BankFunctions.Features.BankConnections;

/// <summary>
/// Where connection signing keys live: <c>Signing__Mode=Local</c> (PEM files under <c>Signing__LocalKeyPath</c>) or
/// <c>KeyVault</c> (keys in <c>KeyVault__Uri</c>, reached with the app's managed identity). SM2 keys have no Key Vault
/// key type, so the CMB-style bank keeps using the local store for them until the Key Vault secret source is wired.
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
            services.AddSingleton<ISigningKeyStore>(new KeyVaultSigningKeyStore(new KeyVaultKeysClient(vault, new DefaultAzureCredential())));
        }
        else
        {
            services.AddSingleton<ISigningKeyStore>(new LocalSigningKeyStore(local.LocalKeyPath));
        }
        return services;
    }
}
