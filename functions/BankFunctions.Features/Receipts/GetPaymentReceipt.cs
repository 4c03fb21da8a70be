using BankFunctions.Domain.Payments;
using BankFunctions.Features.Http;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Receipts;

/// <summary>
/// GET /v1/payments/{id}/receipt (viewer): the bank's e-receipt of the entry that booked the payment (PDF for the
/// CMB-style bank, the entry's camt.054 for the ISO bank). 404 problem <c>receipt-not-available</c> until it is fetched;
/// another tenant's payment is a plain 404. Reads only what <see cref="FetchReceipt"/> stored, never the bank.
/// </summary>
public sealed class GetPaymentReceipt(PaymentStore payments, ReceiptBlobs blobs) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var id = RouteValues.Id(context, "id", "Payment");
        var row = await payments.FindForAsync(context.Caller(), id, cancellationToken);
        if (row is null)
        {
            return Problem.NotFound($"Payment '{id}'");
        }
        if (StoredReceipt.Of(row) is { } stored)
        {
            return await ReceiptResponse.SendAsync(context, stored, blobs, $"Payment '{id}'", cancellationToken);
        }
        var status = PaymentTransitions.StatusOf(row);
        return ReceiptResponse.NotAvailable($"Payment '{id}'", status is PaymentStatus.Completed or PaymentStatus.Returned
            ? "It is fetched from the bank in the background once the bank publishes it; ask again later."
            : $"A receipt follows the bank's booking of the payment (status now {status.ToWire()}).");
    }
}
