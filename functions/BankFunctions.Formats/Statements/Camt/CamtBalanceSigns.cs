using System.Globalization;
using System.Text;

namespace BankFunctions.Formats.Statements.Camt;

/// <summary>
/// Signs for balances that came without CdtDbtInd (issue #13: a European bank's camt.053.001.08 omits it on every
/// Bal). Balances precede the entries in a statement, so the sign is decided once the statement is read: if exactly one
/// choice of signs for the unsigned opening and closing balances makes opening + booked entries = closing, the file's
/// own arithmetic says what the bank meant; otherwise (no entries and equal balances, amounts that never add up, other
/// balance types) a balance is read as a credit.
/// </summary>
internal static class CamtBalanceSigns
{
    /// <param name="balances">The statement's balances, unsigned ones read as credits; signs are changed in place.</param>
    /// <param name="unsigned">Indexes into <paramref name="balances"/> of those without CdtDbtInd, with their places.</param>
    /// <returns>The warning message naming each unsigned balance and how its sign was chosen.</returns>
    public static string Decide(List<StatementBalance> balances, List<(int Index, string Place)> unsigned, decimal bookedSum, string where)
    {
        var opening = OpeningIndex(balances);
        var closing = balances.FindIndex(b => b.Type == "CLBD");
        var openingUnsigned = unsigned.Exists(u => u.Index == opening);
        var closingUnsigned = unsigned.Exists(u => u.Index == closing);
        var derived = opening >= 0 && closing >= 0 && (openingUnsigned || closingUnsigned)
            ? SolveArithmetic(balances[opening].Value, openingUnsigned, balances[closing].Value, closingUnsigned, bookedSum)
            : null;

        var derivedPlaces = new List<string>();
        var assumedPlaces = new List<string>();
        foreach (var (index, place) in unsigned)
        {
            var fromArithmetic = derived is not null && (index == opening || index == closing);
            var debit = derived is { } signs && (index == opening ? signs.OpeningDebit : index == closing && signs.ClosingDebit);
            if (debit)
            {
                balances[index] = balances[index] with { Value = -balances[index].Value };
            }
            var named = $"{place} ({balances[index].Type} {balances[index].Value.ToString(CultureInfo.InvariantCulture)}";
            if (fromArithmetic)
            {
                derivedPlaces.Add($"{named} {(debit ? "debit" : "credit")})");
            }
            else
            {
                assumedPlaces.Add(named + ")");
            }
        }
        var message = new StringBuilder(where).Append(": no CdtDbtInd on ");
        if (derivedPlaces.Count > 0)
        {
            message.AppendJoin(", ", derivedPlaces).Append(": signs derived from the statement's arithmetic (opening + booked entries = closing)");
            if (assumedPlaces.Count > 0)
            {
                message.Append("; on ");
            }
        }
        if (assumedPlaces.Count > 0)
        {
            message.AppendJoin(", ", assumedPlaces).Append(": assumed credit");
        }
        return message.ToString();
    }

    /// <summary>OPBD, else PRCD: the balance the statement's arithmetic starts from (as in CamtStatementReader).</summary>
    private static int OpeningIndex(List<StatementBalance> balances)
    {
        var opening = balances.FindIndex(b => b.Type == "OPBD");
        return opening >= 0 ? opening : balances.FindIndex(b => b.Type == "PRCD");
    }

    /// <summary>The one sign choice that balances, if exactly one does (choices giving the same values count once).</summary>
    private static (bool OpeningDebit, bool ClosingDebit)? SolveArithmetic(decimal opening, bool openingFree, decimal closing, bool closingFree, decimal bookedSum)
    {
        (bool, bool)? found = null;
        (decimal, decimal)? foundValues = null;
        foreach (var openingDebit in openingFree ? [false, true] : new[] { false })
        {
            foreach (var closingDebit in closingFree ? [false, true] : new[] { false })
            {
                var o = openingDebit ? -opening : opening;
                var c = closingDebit ? -closing : closing;
                if (o + bookedSum != c || foundValues == (o, c))
                {
                    continue;
                }
                if (found is not null)
                {
                    return null; // two different readings balance: the arithmetic does not decide
                }
                found = (openingDebit, closingDebit);
                foundValues = (o, c);
            }
        }
        return found;
    }
}
