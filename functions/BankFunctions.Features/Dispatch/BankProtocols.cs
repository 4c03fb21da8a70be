namespace BankFunctions.Features.Dispatch;

/// <summary>Finds the protocol that serves a bank.</summary>
public sealed class BankProtocols(IEnumerable<IBankProtocol> protocols)
{
    public IBankProtocol For(string bank) =>
        protocols.FirstOrDefault(p => p.Serves(bank)) ?? throw new InvalidOperationException($"No bank protocol serves '{bank}'.");
}
