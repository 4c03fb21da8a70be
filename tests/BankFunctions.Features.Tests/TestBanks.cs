using BankFunctions.Features.Profiles;
using BankFunctions.Storage.Rows;
using Microsoft.Extensions.Configuration;

namespace BankFunctions.Features.Tests;

/// <summary>
/// The bank profiles the app ships with (banks.json, copied beside the tests by the Features project), read by the
/// app's own setup: the decisions are tested against the banks as configured, not against copies of their rules.
/// </summary>
internal static class TestBanks
{
    public static readonly BankProfiles Profiles = BankProfilesSetup.Read(new ConfigurationBuilder().Build()).Profiles;

    public static BankProfile? Of(AccountRow? debtor) => Profiles.Find(debtor?.Bank);

    public static BankProfile? Of(BankConnectionRow? connection) => Profiles.Find(connection?.Bank);
}
