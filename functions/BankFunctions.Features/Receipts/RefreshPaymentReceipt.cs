using BankFunctions.Domain.Payments;
using BankFunctions.Features.Http;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Receipts;

/// <summary>
/// POST /v1/payments/{id}/receipt/refresh (admin): fetch a completed payment's e-receipt again after the background
/// fetch gave up, through <see cref="ReceiptRefresh"/> (202). The receipt is the one of the entry that booked the payment
/// (its booking reference), so a payment that is not completed, or is completed but not booked in a statement yet, is
/// 409, as is one whose receipt is stored or whose bank offers none; another tenant's payment 404.
/// </summary>
public sealed class RefreshPaymentReceipt(PaymentStore payments, StorageClients storage, ReceiptRequests receipts, ReceiptRefresh refresh) : IHttpHandler
{
    public sealed record Response(string PaymentId, string AccountId, string BookingReference, bool Queued);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var id = RouteValues.Id(context, "id", "Payment");
        var tenantId = context.Caller().RequireTenant();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var payment = await payments.FindForAsync(context.Caller(), id, cancellationToken);
            if (payment is null)
            {
                return Problem.NotFound($"Payment '{id}'");
            }
            if (Refusal(payment, receipts.Offered(payment.Bank)) is { } refusal)
            {
                return Problem.InvalidState(refusal);
            }
            var booked = payment.BookingReference!.Trim();
            var entry = await FetchReceipt.FindEntryAsync(storage.Table(TableNames.Statements),
                TableKeys.StatementPartition(tenantId, payment.DebtorAccountId), booked, cancellationToken);
            var work = new ReceiptMessage(tenantId, payment.DebtorAccountId, booked);
            if (await refresh.RequestAsync(work, entry, context.Caller(), payment.PaymentId, cancellationToken))
            {
                return Results.Json(new Response(payment.PaymentId, payment.DebtorAccountId, booked, true), ApiJson.Options, statusCode: 202);
            }
        }
        return Problem.Conflict($"Payment '{id}''s booking kept changing; nothing was queued twice. Retry.");
    }

    /// <summary>Why the payment's receipt cannot be fetched again, or null.</summary>
    public static string? Refusal(PaymentRow payment, bool offered) => payment switch
    {
        _ when StoredReceipt.Of(payment) is not null => $"Payment '{payment.PaymentId}' has its receipt already.",
        _ when PaymentTransitions.StatusOf(payment) is not PaymentStatus.Completed =>
            $"Payment '{payment.PaymentId}' is {PaymentTransitions.StatusOf(payment).ToWire()}; a receipt follows the bank's booking of a completed payment.",
        _ when string.IsNullOrWhiteSpace(payment.BookingReference) =>
            $"Payment '{payment.PaymentId}' is not booked in a statement yet; its receipt is fetched once the booking is pulled.",
        _ when !offered => "The payment's bank offers no e-receipts.",
        _ => null,
    };
}
