namespace BankFunctions.Storage.Rows;

/// <summary>A tenant's connection to one bank (PK = tenant, RK = "conn|" + id). Holds key ids, never key material.</summary>
public sealed class BankConnectionRow : RowBase
{
    public string ConnectionId { get; set; } = "";
    public string Bank { get; set; } = "";
    /// <summary>ISO 20022 banks: the customer id the bank gave the tenant.</summary>
    public string? CustomerId { get; set; }
    /// <summary>CMB-style banks: the tenant's UID at the bank.</summary>
    public string? Uid { get; set; }
    /// <summary>Identifier of the signing key in the key store (Key Vault key name / local key file).</summary>
    public string SigningKeyId { get; set; } = "";
    /// <summary>Signature algorithm for this connection (PS256, RS256, ES256, SM2).</summary>
    public string SignatureAlgorithm { get; set; } = "";
    public string PublicKeyPem { get; set; } = "";
    /// <summary>CMB-style banks: name of the secret that holds the SM4 key (never the key itself).</summary>
    public string? Sm4KeySecretName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
