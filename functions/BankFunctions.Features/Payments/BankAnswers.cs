using BankFunctions.Banks;

namespace BankFunctions.Features.Payments;

/// <summary>A status query's outcome (the adapter's classification, <see cref="StatusOutcome"/>) as the answer about one payment.</summary>
public static class BankAnswers
{
    public static BankAnswer For(StatusOutcome outcome, string bankReference) => outcome switch
    {
        StatusOutcome.Found found => found.Payments.LastOrDefault(p => p.BankReference == bankReference) is { } status
            ? new BankAnswer(BankAnswerKind.Found, status.Status, status.BankCode, status.IsoStatus, status.Reason)
            : new BankAnswer(BankAnswerKind.NotListed, Detail: "The bank's report of the file does not list this payment."),
        StatusOutcome.NotFound => new BankAnswer(BankAnswerKind.NotFound, Detail: "The bank has no record of the file: it never arrived."),
        StatusOutcome.Unavailable unavailable => new BankAnswer(BankAnswerKind.Unavailable, BankCode: unavailable.Code, Detail: unavailable.Reason),
        StatusOutcome.Refused refused => new BankAnswer(BankAnswerKind.Refused, Detail: refused.Reason),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown status outcome."),
    };
}
