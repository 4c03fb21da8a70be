using BankFunctions.Domain.Payments;

namespace BankFunctions.Banks;

/// <summary>
/// What a bank said about one payment, in its own words (each family keeps its own fields: ISO TxSts and reason, CMB
/// reqSts, rtnFlg, errCod, errTxt), and the domain status that means — mapped once, by the family
/// (Adapters/Iso/IsoPaymentStatus, Adapters/Cmb/CmbPaymentStatus).
/// </summary>
public abstract record BankPaymentStatus
{
    /// <summary>The domain status the bank's code means; null when it concludes nothing (an unknown code: the payment stays where it is).</summary>
    public abstract PaymentStatus? Status { get; }

    /// <summary>The ISO 20022 status code (pain.002 TxSts/GrpSts) when the bank speaks ISO 20022, kept on the payment.</summary>
    public abstract string? IsoStatus { get; }

    /// <summary>The bank's own code for the outcome, kept on the payment (ISO: the status reason code; CMB: errCod, else rtnFlg, else reqSts).</summary>
    public abstract string? BankCode { get; }

    /// <summary>The reason in words (the bank's text, else what its code means), kept on the payment.</summary>
    public abstract string? Reason { get; }

    /// <summary>This status for one payment as the gateway applies it; null when it concludes nothing.</summary>
    public PaymentBankStatus? For(string reference) =>
        Status is { } status ? new PaymentBankStatus(reference, status, IsoStatus, BankCode, Reason) : null;
}

/// <summary>One payment's status as its bank reports it: the domain status, with the bank's own codes kept as text to show.</summary>
/// <param name="BankReference">Our reference of the payment at the bank (EndToEndId / yurref).</param>
public sealed record PaymentBankStatus(string BankReference, PaymentStatus Status, string? IsoStatus, string? BankCode, string? Reason);
