namespace BankFunctions.Domain.Screening;

/// <summary>
/// One entry of a sanctions list as the operator loaded it: its list (<c>ofac-sdn</c>, <c>eu-consolidated</c>…), its id
/// there (OFAC <c>ent_num</c> / <c>uid</c>, EU <c>logicalId</c>), its kind (individual, entity, vessel, aircraft, as the
/// list says), its programmes, and every name it is known by (primary name first, then aliases).
/// </summary>
public sealed record ScreeningEntry(string Source, string Id, string Kind, IReadOnlyList<string> Names, IReadOnlyList<string> Programs);

/// <summary>A list entry a screened name matched: which name of it, and how alike (<see cref="NameScore"/>).</summary>
public sealed record ScreeningHit(ScreeningEntry Entry, string MatchedName, decimal Score);
