using System.Globalization;
using System.Text.Json.Nodes;

namespace BankFunctions.Banks.Adapters.Cmb;

/// <summary>
/// The request bodies of the three payment functions (BANKS.md §B table; payroll fields as BankSim documents them):
/// BB1PAYOP for one payment, BB1PAYBH for several, BB6BTHHL for payroll (代发) with one yurRef per line and the
/// batch's own yurRef. The one place these bodies are built, whether a file is prepared ahead or sent at once.
/// </summary>
public static class CmbPaymentBodies
{
    public static string Funcode(PaymentFileKind kind) => kind switch
    {
        PaymentFileKind.Single => "BB1PAYOP",
        PaymentFileKind.Batch => "BB1PAYBH",
        _ => "BB6BTHHL",
    };

    /// <summary>The table whose rows answer the payments of <paramref name="funcode"/>, one row per yurRef.</summary>
    public static string ReplyTable(string funcode) => funcode switch
    {
        "BB1PAYOP" => "bb1payopz1",
        "BB1PAYBH" => "bb1paybhz1",
        _ => "bb6bthhlz1",
    };

    public static JsonObject Build(CmbCloudOptions options, PaymentFile file) => file.Kind == PaymentFileKind.Payroll
        ? Payroll(options, file.FileReference, file.Debtor.Account, file.Payments)
        : Payments(options, file.Kind, file.Debtor.Account, file.Payments);

    private static JsonObject Payments(CmbCloudOptions options, PaymentFileKind kind, string debtorAccount, IReadOnlyList<PaymentInstruction> instructions)
    {
        var items = new JsonArray();
        foreach (var i in instructions)
        {
            items.Add(new JsonObject
            {
                ["yurRef"] = i.Reference,
                ["dbtAcc"] = debtorAccount,
                ["crtAcc"] = i.Creditor.Account,
                ["crtNam"] = i.Creditor.Name,
                ["crtBnk"] = i.CreditorBank ?? "",
                ["trsAmt"] = AmountText(i.Amount.Amount),
                ["ccyNbr"] = options.CurrencyCodes[i.Currency],
                ["nusAge"] = i.Remittance ?? "",
                // Y = creditor account at this bank; a creditor bank name means another bank.
                ["bnkFlg"] = string.IsNullOrEmpty(i.CreditorBank) ? "Y" : "N",
            });
        }
        var mode = new JsonArray(new JsonObject { ["busCod"] = options.PaymentBusCod, ["busMod"] = options.PaymentBusMod });
        return kind == PaymentFileKind.Single
            ? new JsonObject { ["bb1paybmx1"] = mode, ["bb1payopx1"] = items }
            : new JsonObject { ["bb1bmdbhx1"] = mode, ["bb1paybhx1"] = items };
    }

    private static JsonObject Payroll(CmbCloudOptions options, string fileReference, string debtorAccount, IReadOnlyList<PaymentInstruction> instructions)
    {
        var first = instructions[0];
        var lines = new JsonArray();
        foreach (var i in instructions)
        {
            lines.Add(new JsonObject
            {
                ["yurRef"] = i.Reference,
                ["accNbr"] = i.Creditor.Account,
                ["accNam"] = i.Creditor.Name,
                ["trsAmt"] = AmountText(i.Amount.Amount),
                ["trsDsp"] = i.Remittance ?? options.PayrollPurpose,
            });
        }
        return new JsonObject
        {
            ["bb6bthhlx1"] = new JsonArray(new JsonObject
            {
                ["yurRef"] = fileReference,
                ["dbtAcc"] = debtorAccount,
                ["ccyNbr"] = options.CurrencyCodes[first.Currency],
                ["ttlAmt"] = AmountText(instructions.Sum(i => i.Amount.Amount)),
                ["ttlCnt"] = instructions.Count.ToString(CultureInfo.InvariantCulture),
                ["nusAge"] = options.PayrollPurpose,
            }),
            ["bb6bthhlx2"] = lines,
        };
    }

    /// <summary>trsAmt is a string with exactly 2 decimals (BANKS.md §B); amounts with more are refused before this.</summary>
    public static string AmountText(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
