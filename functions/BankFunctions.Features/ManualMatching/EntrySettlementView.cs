using BankFunctions.Features.Payments;
using BankFunctions.Features.Receivables;

namespace BankFunctions.Features.ManualMatching;

/// <summary>
/// An entry's settlement after a manual match or unmatch: how much of it is settled, and the expected payments it
/// touched; <see cref="Payments"/> only when it was tied to our own payments (paymentIds), as they are now.
/// </summary>
public sealed record EntrySettlementView(
    string EntryId, string AccountId, MoneyView Amount, MoneyView Allocated, MoneyView Unallocated, IReadOnlyList<ExpectedPaymentView> ExpectedPayments,
    IReadOnlyList<PaymentView>? Payments = null);
