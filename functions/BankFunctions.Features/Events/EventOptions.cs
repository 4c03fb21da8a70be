namespace BankFunctions.Features.Events;

/// <summary>Settings "Events:…" (docs/CONFIGURATION.md).</summary>
public sealed class EventOptions
{
    public const string Section = "Events";

    /// <summary>Days an event stays in the feed (issue #14: 30).</summary>
    public int RetentionDays { get; set; } = 30;

    public void Validate()
    {
        if (RetentionDays is < 1 or > 3650)
        {
            throw new InvalidOperationException("Events:RetentionDays must be from 1 to 3650.");
        }
    }
}
