using BankFunctions.Banks.Signing;
using BankFunctions.Banks.Status;

namespace BankFunctions.Banks;

/// <summary>
/// A tenant's connection to one bank, as the adapter needs it for a call. Primitives and signers only, so the
/// adapters do not depend on Domain types.
/// </summary>
/// <param name="CustomerId">ISO: X-Customer-Id. CMB: the UID.</param>
/// <param name="Signer">ISO: the file signer (PS256/RS256/ES256). CMB: the SM2 signer, user id = CmbCrypto.UserId(UID).</param>
/// <param name="SymmetricKey">CMB: the 16-byte SM4 key.</param>
/// <param name="BankPublicKeyPem">CMB: the bank's SM2 response-signing key.</param>
/// <param name="PlatformSigner">CMB: optional SaaS platform co-signer (paltsigdat).</param>
/// <param name="PlatformName">CMB: optional INSPLAT.</param>
public sealed record BankConnection(
    string CustomerId,
    ISigner? Signer = null,
    byte[]? SymmetricKey = null,
    string? BankPublicKeyPem = null,
    ISigner? PlatformSigner = null,
    string? PlatformName = null);

public enum PaymentFileKind
{
    Single,
    Batch,
    Payroll,
}

/// <param name="Reference">Our deterministic bank reference: EndToEndId (ISO) or yurref (CMB).</param>
/// <param name="Currency">ISO 4217 alphabetic code.</param>
public sealed record PaymentInstruction(
    string Reference,
    string DebtorAccount,
    string CreditorAccount,
    string CreditorName,
    string? CreditorBank,
    decimal Amount,
    string Currency,
    string? Purpose = null);

/// <summary>
/// Builds (CMB) and signs a payment file once, ahead of sending, so that the bytes can be stored before they leave
/// (non-repudiation: what was sent, byte for byte) and every resend is exactly the same request.
/// </summary>
/// <param name="FileReference">ISO: the pain.001 MsgId. CMB: the batch reference (the payroll batch's yurRef).</param>
/// <param name="RequestId">CMB: the envelope's reqid (derived from our file id).</param>
/// <param name="SignedAt">The signing time written into the envelope (CMB sigtim).</param>
/// <param name="Document">ISO: the built pain.001, which the adapter signs as is. CMB: null (the adapter builds the request envelope).</param>
public sealed record PreparePaymentFileRequest(
    BankConnection Connection,
    string FileReference,
    PaymentFileKind Kind,
    IReadOnlyList<PaymentInstruction> Instructions,
    string RequestId,
    DateTimeOffset SignedAt,
    byte[]? Document = null);

/// <param name="Document">ISO: the pain.001. CMB: the signed request envelope (JSON, before SM4 sealing).</param>
/// <param name="Signature">ISO: the detached signature over <paramref name="Document"/>. CMB: sigdat, which sits inside the envelope too.</param>
public sealed record PreparedPaymentFile(byte[] Document, string ContentType, SignatureResult Signature);

/// <param name="FileReference">ISO: the pain.001 MsgId. CMB: the batch reference (the payroll batch's yurRef).</param>
/// <param name="Document">A prepared file (<see cref="PreparedPaymentFile.Document"/>), sent exactly as given. ISO: required. CMB: when null the adapter builds and signs the envelope now.</param>
/// <param name="Signature">ISO: the signature made when the file was prepared; when null the connection's signer signs now.</param>
/// <param name="Instructions">The payments (CMB reads the answer per yurRef; ISO: informative, references for the ack).</param>
public sealed record SendPaymentFileRequest(
    BankConnection Connection,
    string FileReference,
    PaymentFileKind Kind,
    IReadOnlyList<PaymentInstruction> Instructions,
    byte[]? Document = null,
    SignatureResult? Signature = null);

/// <param name="BankFileId">ISO fileId (on Duplicate: the original's); CMB: the request number or the batch reference.</param>
public sealed record PaymentFileAck(string? BankFileId, IReadOnlyList<PaymentItemAck> Items);

/// <param name="Duplicate">The bank already had this reference (CMB NCB4241 per item); <paramref name="Status"/> is then the original's, when known.</param>
public sealed record PaymentItemAck(string Reference, string? BankReference, BankPaymentStatus? Status, bool Duplicate = false);

/// <param name="BankFileId">ISO: look up by fileId when known.</param>
/// <param name="FileReference">ISO: MsgId, used when the fileId is unknown (unknown outcome of the send).</param>
/// <param name="References">EndToEndIds (ISO, optional filter) or yurrefs (CMB).</param>
public sealed record QueryPaymentStatusRequest(
    BankConnection Connection,
    PaymentFileKind Kind,
    string? BankFileId,
    string? FileReference,
    IReadOnlyList<string> References);

/// <param name="Found">False when the bank has never heard of the file/references (a send that did not arrive: safe to resend with the same references).</param>
public sealed record PaymentStatusReport(bool Found, BankPaymentStatus? Group, IReadOnlyList<PaymentItemStatus> Items);

/// <param name="Amount">When the bank reports it (CMB trsAmt).</param>
public sealed record PaymentItemStatus(string Reference, BankPaymentStatus Status, string? BankReference = null, decimal? Amount = null);

public sealed record GetBalancesRequest(BankConnection Connection, IReadOnlyList<string> Accounts);

public sealed record AccountBalance(string Account, string Currency, decimal Booked, decimal Available, decimal? Held = null, string? Name = null);

/// <param name="Cursor">From the previous chunk; null to start at <paramref name="From"/>.</param>
public sealed record FetchStatementsRequest(BankConnection Connection, string Account, DateOnly From, DateOnly To, string? Cursor);

/// <param name="Kind">camt.053 / camt.052 / camt.054 / mt940 / cmb.dctrsinf (JSON response body).</param>
/// <param name="NextCursor">Where the next pull starts; the host stores it (with an ETag).</param>
public sealed record StatementChunk(byte[] Content, string Kind, string? NextCursor, bool HasMore);

public sealed record GetReceiptRequest(BankConnection Connection, string Account, string TransactionReference, DateOnly BookingDate);

public sealed record Receipt(byte[] Content, string ContentType);
