namespace BankFunctions.Banks.Signing.KeyVault;

/// <summary>A Key Vault key identifier: https://{vault}/keys/{name}/{version}.</summary>
public sealed record KeyVaultKeyId(Uri Vault, string Name, string Version)
{
    public static KeyVaultKeyId Parse(string kid)
    {
        if (!Uri.TryCreate(kid, UriKind.Absolute, out var uri))
        {
            throw new SigningException($"Not a Key Vault key id: {kid}");
        }
        var segments = uri.AbsolutePath.Trim('/').Split('/');
        if (segments.Length != 3 || segments[0] != "keys" || segments[1].Length == 0 || segments[2].Length == 0)
        {
            throw new SigningException($"Not a versioned Key Vault key id: {kid}");
        }
        return new KeyVaultKeyId(new Uri(uri.GetLeftPart(UriPartial.Authority) + "/"), Uri.UnescapeDataString(segments[1]), Uri.UnescapeDataString(segments[2]));
    }

    public override string ToString() => $"{Vault.AbsoluteUri.TrimEnd('/')}/keys/{Name}/{Version}";
}
