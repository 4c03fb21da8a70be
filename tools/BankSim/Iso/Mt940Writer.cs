using System.Globalization;
using System.Text;
using BankSim.Sim;

namespace BankSim.Iso;

/// <summary>
/// The same statements as SWIFT MT940 (one message per day): :20: :25: :28C: :60F: (:61: :86:)* :62F:, amounts
/// with a comma decimal separator, C/D marks, and the customer's EndToEndId as the :61: customer reference.
/// </summary>
public static class Mt940Writer
{
    public static string Write(SimAccount account, DateOnly from, DateOnly to)
    {
        var sb = new StringBuilder();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var entries = account.Bookings.Where(b => b.BookingDate == day).ToList();
            var opening = account.BalanceBefore(day);
            var closing = opening + entries.Sum(e => e.Amount);
            sb.Append(":20:").Append(CultureInfo.InvariantCulture, $"STMT{day:yyyyMMdd}").Append("\r\n");
            sb.Append(":25:").Append(account.Number).Append("\r\n");
            sb.Append(":28C:").Append(CultureInfo.InvariantCulture, $"{day.DayOfYear}/1").Append("\r\n");
            sb.Append(":60F:").Append(Balance(opening, day, account.Currency)).Append("\r\n");
            foreach (var e in entries)
            {
                var reference = e.Details.Count == 1 ? e.Details[0].EndToEndId ?? "NONREF" : "BATCH";
                sb.Append(":61:").Append(CultureInfo.InvariantCulture, $"{day:yyMMdd}{day:MMdd}")
                    .Append(e.IsReturn ? (e.Amount < 0 ? "RC" : "RD") : (e.Amount < 0 ? "D" : "C"))
                    .Append(Amount(Math.Abs(e.Amount)))
                    .Append(e.IsReturn ? "NRTI" : "NTRF")
                    .Append(Truncate(reference, 16)).Append("//").Append(Truncate(e.AcctSvcrRef, 16)).Append("\r\n");
                var text = string.Join(" ", e.Details.Select(d => $"{d.CounterpartyName} {d.Remittance}".Trim()));
                if (e.Details.Count == 1 && e.Details[0].EndToEndId is { } e2e)
                {
                    text = $"/EREF/{e2e}/NAME/{e.Details[0].CounterpartyName}/REMI/{e.Details[0].Remittance}{(e.Details[0].ReturnReason is { } r ? "/RTRN/" + r : "")}";
                }
                sb.Append(":86:").Append(Wrap(text)).Append("\r\n");
            }
            sb.Append(":62F:").Append(Balance(closing, day, account.Currency)).Append("\r\n");
            sb.Append("-\r\n");
        }
        return sb.ToString();
    }

    private static string Balance(decimal amount, DateOnly day, string currency) =>
        $"{(amount < 0 ? "D" : "C")}{day:yyMMdd}{currency}{Amount(Math.Abs(amount))}";

    private static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture).Replace('.', ',');

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    /// <summary>:86: is 6 lines of 65 characters at most.</summary>
    private static string Wrap(string text)
    {
        var clean = new string(text.Select(c => c is '\r' or '\n' ? ' ' : c).ToArray());
        var lines = Enumerable.Range(0, (clean.Length + 64) / 65).Select(i => clean.Substring(i * 65, Math.Min(65, clean.Length - (i * 65)))).Take(6);
        return string.Join("\r\n", lines);
    }
}
