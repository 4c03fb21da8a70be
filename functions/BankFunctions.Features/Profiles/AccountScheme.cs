namespace BankFunctions.Features.Profiles;

/// <summary>How a bank identifies accounts, its customers' and the creditors they pay.</summary>
public enum AccountScheme
{
    /// <summary>Creditors by IBAN (ISO 13616) and optional BIC; own accounts by IBAN or account number.</summary>
    Iban,
    /// <summary>Creditors by domestic account number and 12-digit CNAPS bank code; own accounts by account number only.</summary>
    DomesticCnaps,
}
