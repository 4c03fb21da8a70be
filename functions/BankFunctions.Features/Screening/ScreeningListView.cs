namespace BankFunctions.Features.Screening;

/// <summary>A loaded sanctions list as GET/PUT /v1/admin/screening-lists show it.</summary>
/// <param name="Source">ofac-sdn, ofac-alt or eu-consolidated.</param>
/// <param name="Entries">List entries read from the file.</param>
/// <param name="Names">Names screened against (primary names and aliases).</param>
/// <param name="Sha256">SHA-256 of the file as uploaded, hex.</param>
/// <param name="ContentType">The media type it was read as.</param>
public sealed record ScreeningListView(string Source, int Entries, int Names, DateTimeOffset LoadedAt, string Sha256, string ContentType, string LoadedBy);
