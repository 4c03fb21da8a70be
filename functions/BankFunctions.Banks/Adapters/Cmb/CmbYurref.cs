using System.Security.Cryptography;
using System.Text;

namespace BankFunctions.Banks.Adapters.Cmb;

/// <summary>
/// yurref (client reference, ≤ 30 alphanumerics): "BF" + 28 base32 characters of SHA-256(payment id) — derived, so a
/// resend carries the same yurref and the bank recognises it (NCB4241); 140 bits make collisions negligible. Stored as
/// the payment's BankReference: the output must never change.
/// </summary>
public static class CmbYurref
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Of(string paymentId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(paymentId));
        var chars = new char[28];
        for (var i = 0; i < 28; i++)
        {
            var bit = i * 5;
            var value = ((hash[bit / 8] << 8) | hash[(bit / 8) + 1]) >> (11 - (bit % 8)) & 31;
            chars[i] = Alphabet[value];
        }
        return "BF" + new string(chars);
    }
}
