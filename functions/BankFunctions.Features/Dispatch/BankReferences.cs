namespace BankFunctions.Features.Dispatch;

/// <summary>References a bank file is known by, derived from our ids so that a resend is recognised by the bank.</summary>
public static class BankReferences
{
    /// <summary>ISO 20022 MsgId (Max35Text): the file id without its prefix, upper-case — unique and stable.</summary>
    public static string MessageId(string fileId) => "BF" + fileId[(fileId.IndexOf('_', StringComparison.Ordinal) + 1)..].ToUpperInvariant();
}
