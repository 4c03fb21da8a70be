using BankFunctions.Domain;
using BankFunctions.Banks.Signing;

namespace BankFunctions.Banks;

/// <summary>
/// A tenant's connection to one bank, as the adapter needs it for a call. Primitives and signers only, so the
/// adapters do not depend on storage rows.
/// </summary>
/// <param name="CustomerId">ISO: X-Customer-Id. CMB: the UID.</param>
/// <param name="Signer">ISO: the file signer (PS256/RS256/ES256). CMB: the SM2 signer, user id = CmbCrypto.UserId(UID).</param>
/// <param name="SymmetricKey">CMB: the 16-byte SM4 key.</param>
/// <param name="BankPublicKeyPem">CMB: the bank's SM2 response-signing key.</param>
/// <param name="PlatformSigner">CMB: optional SaaS platform co-signer (paltsigdat).</param>
/// <param name="PlatformName">CMB: optional INSPLAT.</param>
/// <param name="KeyId">ISO: the signing key's id as registered with the bank (X-Key-Id); a Key Vault signature reports a versioned kid instead.</param>
public sealed record BankConnection(
    string CustomerId,
    ISigner? Signer = null,
    byte[]? SymmetricKey = null,
    string? BankPublicKeyPem = null,
    ISigner? PlatformSigner = null,
    string? PlatformName = null,
    string? KeyId = null);

public enum PaymentFileKind
{
    Single,
    Batch,
    Payroll,
}

/// <summary>An account holder as bank files name one: an IBAN or a domestic account number (or both) and the bank's BIC.</summary>
public sealed record BankParty(string Name, string? Iban = null, string? AccountNumber = null, string? Bic = null)
{
    /// <summary>The account as a domestic bank names it: the account number, else the IBAN.</summary>
    public string Account => AccountNumber ?? Iban ?? "";
}

/// <param name="Reference">Our deterministic bank reference: EndToEndId (ISO) or yurref (CMB).</param>
/// <param name="Amount">The amount with its currency (never more decimals than the currency's minor units).</param>
/// <param name="CreditorBank">The creditor's bank by its domestic code (CNAPS), when it is not the debtor's bank.</param>
/// <param name="Remittance">Unstructured remittance information (ISO RmtInf/Ustrd; CMB nusAge, a payroll line's trsDsp).</param>
public sealed record PaymentInstruction(
    string Reference,
    Money Amount,
    BankParty Creditor,
    string? CreditorBank = null,
    string? Remittance = null)
{
    /// <summary>The ISO 4217 alphabetic code of <see cref="Amount"/>.</summary>
    public string Currency => Amount.Currency.Code;
}

/// <summary>
/// One bank file as the gateway knows it: its payments, from one debtor account, for one execution date. Each bank
/// family builds its own document from it (ISO: a pain.001; CMB: the BB1PAYOP/BB1PAYBH/BB6BTHHL envelope).
/// </summary>
/// <param name="FileId">Our file id: CMB's envelope reqid, so the prepared envelope is the same on every attempt.</param>
/// <param name="FileReference">ISO: the pain.001 MsgId. CMB: the batch reference (the payroll batch's yurRef).</param>
/// <param name="CreatedAt">When the file was made: the pain.001 CreDtTm and the CMB signing time (sigtim).</param>
public sealed record PaymentFile(
    BankConnection Connection,
    string FileId,
    string FileReference,
    PaymentFileKind Kind,
    DateTimeOffset CreatedAt,
    DateOnly ExecutionDate,
    BankParty Debtor,
    IReadOnlyList<PaymentInstruction> Payments)
{
    /// <summary>Payroll is its own kind; one payment is a single transfer (CMB BB1PAYOP), several a batch.</summary>
    public static PaymentFileKind KindOf(bool payroll, int payments) =>
        payroll ? PaymentFileKind.Payroll : payments == 1 ? PaymentFileKind.Single : PaymentFileKind.Batch;
}

/// <summary>
/// A payment file built and signed once, ahead of sending, so that the bytes can be stored before they leave
/// (non-repudiation: what was sent, byte for byte) and every resend is exactly the same request.
/// </summary>
/// <param name="Document">ISO: the pain.001. CMB: the signed request envelope (JSON, before SM4 sealing).</param>
/// <param name="Signature">ISO: the detached signature over <paramref name="Document"/>. CMB: sigdat, which sits inside the envelope too.</param>
public sealed record PreparedPaymentFile(byte[] Document, string ContentType, SignatureResult Signature);

public sealed record GetBalancesRequest(BankConnection Connection, IReadOnlyList<string> Accounts);

public sealed record AccountBalance(string Account, string Currency, decimal Booked, decimal Available, decimal? Held = null, string? Name = null);

/// <summary>
/// One call of a statement pull. The cursor is the adapter's own, opaque to the caller: it stores
/// <see cref="StatementChunk.NextCursor"/> as given and hands it back on the next pull.
/// </summary>
/// <param name="From">Where a feed without a cursor starts.</param>
/// <param name="To">The last day to read (the bank's today for intraday feeds, yesterday for final statements).</param>
/// <param name="Cursor">The stored cursor; null before the first pull.</param>
/// <param name="Page">Within one pull: the previous chunk's <see cref="StatementChunk.NextPage"/>; null on the pull's first call.</param>
/// <param name="FirstOpenDay">The first day the bank may still add to (its today, or yesterday just after midnight): a cursor never moves past it.</param>
public sealed record FetchStatementsRequest(
    BankConnection Connection, string Account, DateOnly From, DateOnly To, string? Cursor, string? Page = null, DateOnly? FirstOpenDay = null);

/// <param name="Kind">camt.053 / camt.052 / camt.054 / mt940 / cmb.dctrsinf (JSON response body).</param>
/// <param name="NextCursor">Where the next pull starts; the host stores it (with an ETag).</param>
/// <param name="HasMore">More is waiting now: call again in the same pull with <paramref name="NextPage"/>.</param>
/// <param name="NextPage">What the next call of this pull passes as <see cref="FetchStatementsRequest.Page"/>.</param>
public sealed record StatementChunk(byte[] Content, string Kind, string? NextCursor, bool HasMore, string? NextPage = null);

/// <summary>One booked transaction's receipt: the bank's own reference of the entry (AcctSvcrRef, CMB <c>refnbr</c>) and its booking day.</summary>
public sealed record GetReceiptRequest(BankConnection Connection, string Account, string TransactionReference, DateOnly BookingDate);

/// <summary>
/// A bank's e-receipt exactly as the bank sent it. <paramref name="BankSignature"/>: the bank's signature where its
/// protocol gives one, already verified by the adapter (CMB-style: the SM2 <c>sigdat</c> of the response envelope that
/// carried the file); null where the protocol signs nothing (the ISO bank's HTTPS answers).
/// </summary>
public sealed record Receipt(byte[] Content, string ContentType, string? BankSignature = null);
