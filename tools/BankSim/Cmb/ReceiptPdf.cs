using System.Globalization;
using System.Text;
using BankSim.Sim;

namespace BankSim.Cmb;

/// <summary>
/// An e-receipt (电子回单) as a one-page PDF 1.4 written by hand: one content stream of text lines in Helvetica, with
/// a correct cross-reference table so any reader opens it. Base-14 fonts carry no CJK glyphs, so non-Latin characters
/// are written as their Unicode code points (e.g. U+6DF1).
/// </summary>
public static class ReceiptPdf
{
    public static byte[] Create(SimAccount account, Booking booking)
    {
        var d = booking.Details[0];
        string[] lines =
        [
            "China Merchants Bank (simulated) - Electronic receipt",
            $"Reference: {booking.AcctSvcrRef}",
            $"Date: {BankDays.Local(booking.Bank, booking.BookedAt).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)}",
            $"Account: {account.Number} ({account.Name})",
            $"Amount: {(booking.Amount < 0 ? "Debit" : "Credit")} {account.Currency} {Math.Abs(booking.Amount).ToString("0.00", CultureInfo.InvariantCulture)}",
            $"Counterparty: {d.CounterpartyName} {d.CounterpartyAccount}",
            $"Client reference (yurref): {d.ClientReference ?? d.EndToEndId ?? "-"}",
            $"Purpose: {d.Remittance ?? "-"}",
            booking.IsReturn ? $"Returned: {d.ReturnReason}" : "Status: booked",
        ];
        var content = new StringBuilder("BT /F1 11 Tf 50 780 Td 16 TL\n");
        foreach (var line in lines)
        {
            content.Append('(').Append(Escape(line)).Append(") Tj T*\n");
        }
        content.Append("ET\n");
        var stream = Encoding.ASCII.GetBytes(content.ToString());

        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            $"<< /Length {stream.Length} >>\nstream\n{Encoding.ASCII.GetString(stream)}endstream",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private static string Escape(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            switch (c)
            {
                case '(' or ')' or '\\':
                    sb.Append('\\').Append(c);
                    break;
                case >= ' ' and <= '~':
                    sb.Append(c);
                    break;
                default:
                    sb.Append(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");
                    break;
            }
        }
        return sb.ToString();
    }
}
