namespace BankFunctions.Features.BankConnections;

/// <summary>How the gateway talks to a bank: which adapter family, hence which credentials a connection needs.</summary>
public enum BankProtocol
{
    /// <summary>ISO 20022 over HTTPS with a detached RSA/EC signature (BANKS.md §A).</summary>
    Iso20022,
    /// <summary>CMB-style cloud direct connect: SM2 signature, SM4 encryption (BANKS.md §B).</summary>
    CmbCloud,
}
