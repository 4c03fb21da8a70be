using System.Collections.Concurrent;
using BankFunctions.Features.Health;

namespace BankFunctions.Features.BankConnections;

/// <summary>
/// A bank's response-signing public key (the CMB-style bank signs every answer with SM2): from configuration
/// (<c>Banks__&lt;id&gt;__PublicKeyPem</c>), or fetched once from <c>PublicKeyUrl</c> — BankSim publishes its key at
/// /_sim/banks/{bank}/public-key — and kept for the life of the process.
/// </summary>
public sealed class BankPublicKeys(IHttpClientFactory http, BankEndpointsOptions banks)
{
    private readonly ConcurrentDictionary<string, string> _pems = new(StringComparer.Ordinal);

    public async Task<string> PemAsync(string bank, CancellationToken cancellationToken)
    {
        if (_pems.TryGetValue(bank, out var cached))
        {
            return cached;
        }
        var options = banks.Banks.GetValueOrDefault(bank) ?? throw new InvalidOperationException($"Bank {bank} is not configured.");
        var url = options.PublicKeyUrl
            ?? (options.BaseUrl is { } baseUrl ? new Uri(new Uri(baseUrl.ToString().TrimEnd('/') + "/"), $"_sim/banks/{bank}/public-key") : null);
        var pem = options.PublicKeyPem
            ?? (url is not null ? await http.CreateClient("bank-keys").GetStringAsync(url, cancellationToken) : null)
            ?? throw new InvalidOperationException($"No public key configured for {bank}.");
        _pems[bank] = pem;
        return pem;
    }
}
