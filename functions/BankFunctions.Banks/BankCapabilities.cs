namespace BankFunctions.Banks;

public enum BankCapability
{
    Payments,
    BatchPayments,
    Payroll,
    StatusQuery,
    Balances,
    Statements,
    EReceipts,
}

/// <summary>What a bank offers, as data (STYLE rule 3).</summary>
public sealed record BankCapabilities(IReadOnlySet<BankCapability> Supported)
{
    public bool Has(BankCapability capability) => Supported.Contains(capability);

    public static BankCapabilities Of(IEnumerable<BankCapability> capabilities) => new(capabilities.ToHashSet());

    public static BankCapability For(PaymentFileKind kind) => kind switch
    {
        PaymentFileKind.Batch => BankCapability.BatchPayments,
        PaymentFileKind.Payroll => BankCapability.Payroll,
        _ => BankCapability.Payments,
    };
}
