namespace BankFunctions.Features.Profiles;

/// <summary>The bank profiles this deployment has, by bank id (checked at start: <see cref="BankProfilesSetup"/>).</summary>
public sealed class BankProfiles(IEnumerable<BankProfile> profiles)
{
    private readonly IReadOnlyDictionary<string, BankProfile> _byId = profiles.ToDictionary(p => p.Id, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Ids => [.. _byId.Keys.Order(StringComparer.Ordinal)];

    public BankProfile? Find(string? bank) => bank is not null && _byId.TryGetValue(bank, out var profile) ? profile : null;

    /// <summary>The profile of a bank stored on a connection, account or payment: its absence is a configuration error.</summary>
    public BankProfile Get(string bank) =>
        Find(bank) ?? throw new InvalidOperationException($"Bank {bank} has no profile (Banks__{bank.Replace('-', '_')}__Protocol …, docs/CONFIGURATION.md).");

    /// <summary>The bank's calendar date at <paramref name="now"/>; UTC for a bank this deployment no longer has.</summary>
    public DateOnly Today(string bank, DateTimeOffset now) =>
        Find(bank)?.Calendar.Today(now) ?? DateOnly.FromDateTime(now.UtcDateTime);
}
