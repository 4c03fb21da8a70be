using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Payments;

/// <summary>A bank file as a person resolving its payments sees it: where it is, how often it was tried, what went wrong last.</summary>
/// <param name="SendAttempts">Sends started (a second one only after the bank said it never got the first).</param>
/// <param name="BankWaits">Times dispatch found the bank unavailable and waited.</param>
/// <param name="StatusPolls">Status queries made.</param>
/// <param name="LastError">The last failure as the gateway recorded it (the bank's or transport's code and text).</param>
public sealed record AttentionFileView(
    string Id, string Bank, string State, string Kind, string ExecutionDate, string MessageId, string? BankFileReference, int PaymentCount,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int SendAttempts, int BankWaits, int StatusPolls,
    string? LastError, string? LastErrorCode, DateTimeOffset? BankUnavailableSince, DateTimeOffset? NextAttemptAt, bool Signed)
{
    public static AttentionFileView From(BankFileRow f) => new(
        f.FileId, f.Bank, f.State, f.Kind, f.ExecutionDate, f.MessageId, f.BankFileReference, f.PaymentCount, f.CreatedAt, f.UpdatedAt,
        f.SendAttempts, f.BankWaits, f.StatusPolls, f.LastError, f.LastErrorCode, f.BankUnavailableSince, f.NextAttemptAt, f.SignatureBlob is not null);
}

/// <summary>Another payment of the same bank file, with what the bank last said about it.</summary>
public sealed record AttentionFilePayment(string Id, string Status, string BankReference, string? IsoStatus, string? BankStatusCode, string? StatusReason)
{
    public static AttentionFilePayment From(PaymentRow p) => new(p.PaymentId, p.Status, p.BankReference, p.IsoStatus, p.BankStatusCode, p.StatusReason);
}

/// <summary>
/// GET …/payments/{id}/attention: the payment (with what people did about it), its bank file with its attempts, the
/// file's payments (the first <see cref="MaxFilePayments"/>), and the bank's answers — every status change that
/// carried a bank code.
/// </summary>
public sealed record AttentionView(PaymentView Payment, AttentionFileView? File, IReadOnlyList<AttentionFilePayment> FilePayments,
    IReadOnlyList<StatusChange> BankAnswers)
{
    public const int MaxFilePayments = 100;

    public static AttentionView From(PaymentRow payment, BankFileRow? file, IReadOnlyList<PaymentRow> filePayments) => new(
        PaymentView.From(payment),
        file is null ? null : AttentionFileView.From(file),
        filePayments.Take(MaxFilePayments).Select(AttentionFilePayment.From).ToList(),
        StatusHistory.Read(payment.StatusHistory).Where(c => c.BankCode is not null).ToList());
}

/// <summary>POST …/attention/requery: what the bank answered, and the payment after it.</summary>
public sealed record RequeryView(BankAnswerView Answer, PaymentView Payment);
