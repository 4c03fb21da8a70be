namespace BankSim.Sim;

/// <summary>
/// Timing of the simulated banks (BANKS.md "Timing": statuses advance asynchronously). Configure with
/// <c>--Sim:AcceptAfter=00:00:00.2</c> etc. or <c>POST /_sim/config</c>.
/// </summary>
public sealed class SimOptions
{
    /// <summary>RCVD → ACTC (technical validation done).</summary>
    public TimeSpan AcceptAfter { get; set; } = TimeSpan.FromMilliseconds(200);
    /// <summary>ACTC → ACSP: the moment the ledger is debited (or the transaction rejected).</summary>
    public TimeSpan ExecuteAfter { get; set; } = TimeSpan.FromMilliseconds(400);
    /// <summary>ACSP → ACSC (settled).</summary>
    public TimeSpan SettleAfter { get; set; } = TimeSpan.FromMilliseconds(600);
    /// <summary>How long after settlement a "bounce" fault returns the payment.</summary>
    public TimeSpan BounceAfter { get; set; } = TimeSpan.FromMilliseconds(800);
    /// <summary>Delay of the "slow" fault.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(3);
    /// <summary>How long "timeoutAfterCommit" holds the connection before dropping it.</summary>
    public TimeSpan HangFor { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Path of a JSON file with customers to register at start (same shape as POST /_sim/customers, as an array).</summary>
    public string? Seed { get; set; }
}
