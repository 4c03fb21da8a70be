namespace BankFunctions.Features.Screening;

/// <summary>
/// Sanctions screening at the sign stage (<c>Screening__Threshold</c>): a creditor name whose score against a loaded list
/// entry (<see cref="Domain.Screening.NameScore"/>, 0–1) is at least the threshold is held in screening_hold.
/// </summary>
public sealed class ScreeningOptions
{
    public const string Section = "Screening";

    public decimal Threshold { get; set; } = 0.90m;

    public void Validate()
    {
        if (Threshold is <= 0m or > 1m)
        {
            throw new InvalidOperationException("Screening__Threshold must be more than 0 and at most 1.");
        }
    }
}
