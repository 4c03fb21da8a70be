using BankFunctions.Domain;
using BankFunctions.Formats.Iso20022;

namespace BankFunctions.Banks.Adapters.Iso;

/// <summary>
/// A payment file as one pain.001.001.09 (BANKS.md §A): MsgId = the file reference, one payment information block
/// (PmtInfId = MsgId + "-1") from the debtor account for the execution date, one transfer per payment with our
/// EndToEndId; payroll carries category purpose SALA.
/// </summary>
internal static class Pain001Builder
{
    public static byte[] Build(PaymentFile file)
    {
        var transfers = file.Payments.Select(p =>
        {
            return new Pain001Transfer(p.Reference, p.Amount.Amount, p.Currency, p.Amount.Currency.MinorUnits, Party(p.Creditor), p.Remittance,
                file.Kind == PaymentFileKind.Payroll ? "SALA" : null);
        }).ToList();
        var message = new Pain001Message(file.FileReference, file.CreatedAt, file.Debtor.Name,
        [
            new Pain001PaymentInfo(file.FileReference + "-1", file.ExecutionDate, Party(file.Debtor), transfers),
        ]);
        using var stream = new MemoryStream();
        Pain001Writer.Write(stream, message, Pain001Dialect.V09);
        return stream.ToArray();
    }

    private static Pain001Party Party(BankParty party) => new(party.Name, party.Iban, party.AccountNumber, party.Bic);
}
