namespace BankFunctions.Banks;

// What a bank answered about payments, read by its family but not yet classified (PaymentOutcomes does that once).
// Internal: callers see only SendOutcome / StatusOutcome; the adapter tests read these to check the bank's answer.

/// <param name="BankFileId">ISO fileId (on Duplicate: the original's); CMB: the request number or the batch reference.</param>
internal sealed record PaymentFileAck(string? BankFileId, IReadOnlyList<PaymentItemAck> Items);

/// <param name="Duplicate">The bank already had this reference (CMB NCB4241 per item); <paramref name="Status"/> is then the original's, when known.</param>
internal sealed record PaymentItemAck(string Reference, string? BankReference, BankPaymentStatus? Status, bool Duplicate = false);

/// <param name="Found">False when the bank has never heard of the file/references (a send that did not arrive: safe to resend with the same references).</param>
internal sealed record PaymentStatusReport(bool Found, BankPaymentStatus? Group, IReadOnlyList<PaymentItemStatus> Items);

/// <param name="Amount">When the bank reports it (CMB trsAmt).</param>
internal sealed record PaymentItemStatus(string Reference, BankPaymentStatus Status, string? BankReference = null, decimal? Amount = null);
