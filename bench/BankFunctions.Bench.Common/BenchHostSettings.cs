namespace BankFunctions.Bench.Common;

/// <summary>The host settings every in-process bench shares: Azurite storage, keys for the bench, no rate limit, fresh local signing keys.</summary>
public static class BenchHostSettings
{
    public static Dictionary<string, string?> For(string storageConnectionString, string operatorKey) => new()
    {
        ["Storage:ConnectionString"] = storageConnectionString,
        ["Operator:ApiKey"] = operatorKey,
        ["Audit:SealKey"] = "bench-audit-seal-key-0123456789abcdef0123",
        ["RateLimit:PermitsPerSecond"] = "100000",
        // The contract run sends wrong and unknown keys on purpose from one address: keep them 401s, not 429s.
        ["RateLimit:FailedAuthBurst"] = "1000000",
        ["Signing:LocalKeyPath"] = Path.Combine(Path.GetTempPath(), "bf-bench-keys-" + Guid.NewGuid().ToString("N")),
    };
}
