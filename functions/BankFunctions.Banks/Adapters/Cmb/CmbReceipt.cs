namespace BankFunctions.Banks.Adapters.Cmb;

/// <summary>
/// DCSIGREC's <c>fildat</c> (BANKS.md §B: the receipt PDF as base64) checked before it is kept: base64 that decodes
/// to a PDF (ISO 32000-1 §7.5.2: the file starts with "%PDF-"). The bank's signature travels with it as given.
/// </summary>
public static class CmbReceipt
{
    public const string ContentType = "application/pdf";

    public static BankResult<Receipt> Read(string fildat, string? bankSignature)
    {
        var bytes = new byte[fildat.Length];
        if (!Convert.TryFromBase64String(fildat, bytes, out var length))
        {
            return Bad("fildat is not base64.");
        }
        var pdf = bytes[..length];
        return pdf.AsSpan().StartsWith("%PDF-"u8)
            ? BankResult.Success(new Receipt(pdf, ContentType, bankSignature))
            : Bad("fildat is not a PDF (no %PDF- header).");
    }

    private static BankResult<Receipt> Bad(string message) => BankResult.Failure<Receipt>(BankCallOutcome.Terminal, "BadReceipt", message);
}
