namespace BankFunctions.Features.Dispatch;

/// <summary>
/// How a file waits out a bank that cannot be reached (<c>Dispatch__BankWait*</c>): the waits grow from
/// <see cref="BankWaitFirstSeconds"/> by doubling to <see cref="BankWaitMaxSeconds"/>, never shorter than what the bank
/// asked for (Retry-After, an open circuit). After <see cref="BankWaitLimit"/> waits — about 4.6 hours with the
/// defaults, longer than a bank's usual maintenance window — the file's payments need a person.
/// </summary>
public sealed class BankWaitOptions
{
    public const string Section = "Dispatch";

    public int BankWaitFirstSeconds { get; set; } = 5;
    public int BankWaitMaxSeconds { get; set; } = 300;
    public int BankWaitLimit { get; set; } = 60;

    /// <summary>The wait before attempt <paramref name="wait"/> + 1 (1-based count of waits so far).</summary>
    public TimeSpan Delay(int wait, TimeSpan? bankAskedFor)
    {
        var seconds = Math.Min(BankWaitFirstSeconds * Math.Pow(2, Math.Clamp(wait - 1, 0, 30)), BankWaitMaxSeconds);
        var delay = TimeSpan.FromSeconds(seconds);
        return bankAskedFor is { } asked && asked > delay ? asked : delay;
    }

    public void Validate()
    {
        if (BankWaitFirstSeconds < 1 || BankWaitMaxSeconds < BankWaitFirstSeconds || BankWaitLimit < 0)
        {
            throw new InvalidOperationException(
                "Dispatch__BankWaitFirstSeconds must be at least 1, Dispatch__BankWaitMaxSeconds at least that, and Dispatch__BankWaitLimit not negative.");
        }
    }
}
