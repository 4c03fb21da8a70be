using System.Globalization;
using BankFunctions.Banks;
using BankFunctions.Banks.Status;
using BankFunctions.Features.Payments;

namespace BankFunctions.Features.Dispatch.Protocols;

/// <summary>
/// Between the dispatch stages and a <see cref="IBankAdapter"/>: a file's payments as the adapter's instructions, and
/// the adapter's classified results (decided once, in <c>BankFunctions.Banks</c>) as the stages' outcomes.
/// </summary>
internal static class AdapterFiles
{
    /// <summary>Payroll is its own kind; one payment is a single transfer (CMB BB1PAYOP), several a batch.</summary>
    public static PaymentFileKind Kind(BankFileRequest request) =>
        request.File.Kind == "payroll" ? PaymentFileKind.Payroll : request.Payments.Count == 1 ? PaymentFileKind.Single : PaymentFileKind.Batch;

    public static IReadOnlyList<PaymentInstruction> Instructions(BankFileRequest request)
    {
        var debtor = request.Debtor.AccountNumber ?? request.Debtor.Iban ?? "";
        return request.Payments.Select(p => new PaymentInstruction(
            p.BankReference, debtor, p.CreditorAccountNumber ?? p.CreditorIban ?? "", p.CreditorName, p.CreditorBankCode,
            decimal.Parse(p.Amount, CultureInfo.InvariantCulture), p.Currency, p.RemittanceInformation)).ToList();
    }

    public static SendOutcome Send(BankResult<PaymentFileAck> result, Func<string, BankPaymentStatus, PaymentBankStatus?> map) => result.Outcome switch
    {
        BankCallOutcome.Success => new SendOutcome.Accepted(result.Value?.BankFileId ?? "",
            result.Value?.Items.Where(i => i.Status is not null).Select(i => map(i.Reference, i.Status!)).OfType<PaymentBankStatus>().ToList()),
        BankCallOutcome.Duplicate => new SendOutcome.Duplicate(result.Value?.BankFileId),
        BankCallOutcome.Retryable => new SendOutcome.Retryable(Describe(result), result.RetryAfter, result.ErrorCode),
        BankCallOutcome.UnknownOutcome => new SendOutcome.UnknownOutcome(Describe(result), result.ErrorCode),
        // Terminal and NotSupported: the bank refused the whole file for good.
        _ => new SendOutcome.Terminal(result.ErrorCode ?? "BANK", Reasons.Describe(result.ErrorCode) is { } known && known != result.ErrorCode
            ? known : result.ErrorMessage ?? "The bank refused the file."),
    };

    /// <summary>
    /// A status report as per-payment statuses. A report with a group status and no transaction detail speaks for
    /// every payment of the file (pain.002: the group status applies to all its transactions).
    /// </summary>
    public static StatusOutcome Status(BankResult<PaymentStatusReport> result, BankFileRequest request, Func<string, BankPaymentStatus, PaymentBankStatus?> map)
    {
        switch (result.Outcome)
        {
            case BankCallOutcome.Success:
                break;
            case BankCallOutcome.Retryable or BankCallOutcome.UnknownOutcome:
                return new StatusOutcome.Unavailable(Describe(result), result.RetryAfter, result.ErrorCode);
            default:
                return new StatusOutcome.Refused(Describe(result));
        }
        var report = result.Value!;
        if (!report.Found)
        {
            return new StatusOutcome.NotFound();
        }
        var statuses = report.Items.Select(i => map(i.Reference, i.Status)).OfType<PaymentBankStatus>().ToList();
        if (report.Items.Count == 0 && report.Group is { } group)
        {
            statuses = request.Payments.Select(p => map(p.BankReference, group)).OfType<PaymentBankStatus>().ToList();
        }
        return new StatusOutcome.Found(null, statuses);
    }

    private static string Describe<T>(BankResult<T> result) =>
        $"{result.ErrorCode}{(result.ErrorMessage is { Length: > 0 } m ? ": " + m : "")}";
}
