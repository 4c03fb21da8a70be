namespace BankFunctions.Bench.Common;

/// <summary>Request bodies for payments from the bench tenant's EUR (ISO bank) and CNY (CMB-style bank) accounts.</summary>
public static class BenchPayments
{
    public static object Eur(string account, int i) => new
    {
        debtorAccountId = account, amount = new { currency = "EUR", value = "12.50" },
        creditor = new { name = "Muster GmbH", iban = "GB82WEST12345698765432" }, remittanceInformation = "Invoice " + i,
    };

    public static object Cny(string account, int i) => new
    {
        debtorAccountId = account, amount = new { currency = "CNY", value = "88.00" },
        creditor = new { name = "供应商", accountNumber = "6225880112345678", bankCode = "308584000013" }, remittanceInformation = "货款 " + i,
    };

    /// <summary>A batch item for either currency (the debtor account is given once, on the batch).</summary>
    public static object Item(string currency, int i) => currency == "EUR"
        ? new { amount = new { currency, value = "10.00" }, creditor = new { name = $"Employee {i}", iban = "GB82WEST12345698765432" } }
        : new { amount = new { currency, value = "10.00" }, creditor = new { name = $"员工 {i}", accountNumber = "6225880112345678", bankCode = "308584000013" } };
}
