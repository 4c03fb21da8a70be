using BankFunctions.Features.Payments;

namespace BankFunctions.Features.Counterparties;

/// <summary>
/// A payment that names its creditor as <c>counterpartyId</c> + <c>counterpartyAccountId</c>: the creditor it is sent
/// to, taken from the counterparty's approved account, and whether it is the first payment to that account since the
/// account was approved (which then needs the tenant's <c>firstPaymentToNewAccountExtraApprovals</c> more). Pure.
/// </summary>
public static class CounterpartyPayee
{
    public abstract record Result;

    /// <summary>The payment gives its creditor inline.</summary>
    public sealed record Inline : Result;

    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : Result;

    /// <param name="Input">The payment with its creditor filled in from the account.</param>
    /// <param name="Marked">When first: the counterparty with the payment noted on the account (written with the payment, ETag-guarded).</param>
    public sealed record Resolved(PaymentInput Input, CounterpartyView Counterparty, CounterpartyAccount Account, bool FirstPayment, int ExtraApprovals, CounterpartyView? Marked) : Result;

    public static Result Resolve(PaymentInput input, CounterpartyView? counterparty, int firstPaymentExtraApprovals, string paymentId)
    {
        if (input.CounterpartyId is null && input.CounterpartyAccountId is null)
        {
            return new Inline();
        }
        var v = new Validation();
        if (input.Creditor is not null)
        {
            v.Add("creditor", "give either creditor or counterpartyId + counterpartyAccountId, not both.");
        }
        if (input.CounterpartyId is null)
        {
            v.Add("counterpartyId", "is required with counterpartyAccountId.");
        }
        else if (counterparty is null)
        {
            v.Add("counterpartyId", "is not a counterparty of this tenant.");
        }
        if (input.CounterpartyAccountId is null)
        {
            v.Add("counterpartyAccountId", "is required with counterpartyId: the id of one of its approved accounts.");
        }
        var account = counterparty?.Accounts.FirstOrDefault(a => a.Id == input.CounterpartyAccountId);
        if (counterparty is not null && input.CounterpartyAccountId is not null)
        {
            if (account is null)
            {
                v.Add("counterpartyAccountId", "is not an account of this counterparty.");
            }
            else if (account.Status != CounterpartyWire.Approved)
            {
                v.Add("counterpartyAccountId", $"is {account.Status}: only an approved account can be paid to.");
            }
        }
        if (!v.IsValid)
        {
            return new Invalid(v.Errors);
        }
        var creditor = new CreditorInput(counterparty!.Name, account!.Iban, account.Bic, account.AccountNumber, account.BankCode);
        var first = account.FirstPaymentId is null;
        var marked = first
            ? counterparty with { Accounts = counterparty.Accounts.Select(a => a.Id == account.Id ? a with { FirstPaymentId = paymentId } : a).ToList() }
            : null;
        return new Resolved(input with { Creditor = creditor }, counterparty, account, first, first ? Math.Max(0, firstPaymentExtraApprovals) : 0, marked);
    }
}
