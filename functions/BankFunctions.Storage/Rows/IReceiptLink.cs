namespace BankFunctions.Storage.Rows;

/// <summary>
/// A row's link to its bank e-receipt (issue #14): the blob in container "receipts", the SHA-256 of its bytes (lower-case
/// hex, also the blob's metadata) and its media type. A statement entry and the payments it booked link the same blob.
/// Set once (ETag-guarded); null until the receipt is fetched.
/// </summary>
public interface IReceiptLink
{
    string? ReceiptBlob { get; set; }
    string? ReceiptSha256 { get; set; }
    string? ReceiptContentType { get; set; }
}
