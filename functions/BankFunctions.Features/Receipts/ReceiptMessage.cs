using System.Text.Json;
using BankFunctions.Features.PaymentReferences;
using BankFunctions.Storage;

namespace BankFunctions.Features.Receipts;

/// <summary>
/// receipts-fetch work: the receipt of one booked entry, named by what the bank knows it by — the account and the
/// entry's bank reference (AcctSvcrRef / refnbr); the booking day is read from the stored entry. <see cref="Attempt"/>
/// counts the bank's "not yet" answers (<see cref="ReceiptRetry"/>).
/// </summary>
public sealed record ReceiptMessage(string TenantId, string AccountId, string Reference, int Attempt = 0)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ReceiptMessage Parse(string body) =>
        JsonSerializer.Deserialize<ReceiptMessage>(body, Json) ?? throw new FormatException("Empty receipts-fetch message.");

    /// <summary>The outbox subject: one per (account, reference), so the entry's and its payment's triggers share one row.</summary>
    public string Subject => TableKeys.ReceiptSubject(AccountId, ReferenceKeys.Safe(Reference));
}
