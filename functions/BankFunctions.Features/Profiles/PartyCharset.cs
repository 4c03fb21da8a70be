namespace BankFunctions.Features.Profiles;

/// <summary>Which characters a bank takes in names and remittance text (<see cref="Payments.PartyText"/>).</summary>
public enum PartyCharset
{
    /// <summary>The EPC SEPA basic Latin set; accented Latin letters are converted (EPC217-08) and the caller is told.</summary>
    SepaLatin,
    /// <summary>The SEPA basic set plus the Latin letters EPC217-08 lists (Ä, é, ß, ł …), sent as written.</summary>
    LatinExtended,
    /// <summary>The SEPA basic set plus CJK ideographs, CJK punctuation, full-width forms and &amp; _ # @ * (the CMB-style bank).</summary>
    Cjk,
}
