namespace BankFunctions.Banks.Adapters.Iso;

/// <summary>Plain-language text for the ISO 20022 external status reason codes we meet most (ExternalStatusReason1Code).</summary>
public static class IsoReasons
{
    public static string? Describe(string? code) => code switch
    {
        "AM04" => "Insufficient funds",
        "AC01" => "Incorrect account number",
        "AC04" => "Closed account",
        "AM03" => "Currency not allowed for this account",
        "AM10" => "Control sum does not match",
        "AM18" => "Number of transactions does not match",
        "BE01" => "Creditor name does not match the account",
        "FF01" => "Invalid file format",
        "DUPL" => "Duplicate payment",
        null => null,
        _ => code,
    };
}
