namespace BankFunctions.Storage.Rows;

/// <summary>
/// An approved single payment waiting to go into a bank file (PK = tenant, RK = "ready|account|date|kind|payment id"),
/// written in the same transaction that makes the payment approved. The sign stage finds the payments to group with
/// one prefix query instead of scanning every payment of the tenant. A row may outlive its payment's approval (a
/// cancel, a tightened rule); the sign stage checks each payment and removes rows it finds stale.
/// </summary>
public sealed class ReadyPaymentRow : RowBase
{
    public string PaymentId { get; set; } = "";
}
