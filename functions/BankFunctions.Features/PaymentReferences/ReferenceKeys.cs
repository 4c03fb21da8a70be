using System.Security.Cryptography;
using System.Text;

namespace BankFunctions.Features.PaymentReferences;

/// <summary>Bank references as Table keys, shared by the payment-reference index and the statement entry keys.</summary>
public static class ReferenceKeys
{
    /// <summary>
    /// A reference as a RowKey fragment: kept readable when it is plain (letters, digits, '.', '-', '_', ≤ 100),
    /// otherwise hashed — Table keys refuse '/', '\', '#', '?' and control characters, which references may contain.
    /// </summary>
    public static string Safe(string reference) =>
        reference.Length <= 100 && reference.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? reference
            : "x" + Hash(reference);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];
}
