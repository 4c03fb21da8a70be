using System.Security.Cryptography;
using System.Text;
using BankFunctions.Features.Http;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Idempotency;

/// <summary>The Idempotency-Key header (API.md: 1–255 printable ASCII characters, required on payment creation).</summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>How long a key is remembered (the contract says at least 24 h).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(48);

    public static string Require(HttpContext context)
    {
        var values = context.Request.Headers[Header];
        var key = values.Count == 1 ? values[0] : null;
        if (KeyError(values.Count, key) is { } error)
        {
            throw new ProblemException(Problem.Validation(Header, error));
        }
        return key!;
    }

    public const int MaxLength = 255;

    /// <summary>What is wrong with the header as sent (null: a usable key). Pure.</summary>
    public static string? KeyError(int headerCount, string? key) => headerCount switch
    {
        0 => "is required: one header of 1–255 printable ASCII characters.",
        > 1 => "must be sent once, not repeated.",
        _ when string.IsNullOrEmpty(key) => "must not be empty: 1–255 printable ASCII characters.",
        _ when key.Length > MaxLength => $"is {key.Length} characters long; it must be 1–255 printable ASCII characters.",
        _ when key.Any(c => c < 0x20 || c > 0x7E) => "must be 1–255 printable ASCII characters.",
        _ => null,
    };

    /// <summary>Row key material: the key may hold characters a RowKey cannot, so it is hashed.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>What "the same request" means: same route and the same body bytes.</summary>
    public static string RequestHash(string route, ReadOnlySpan<byte> body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(route));
        sha.AppendData([0]);
        sha.AppendData(body);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
