using System.Globalization;
using System.Text;

namespace BankFunctions.Bench.Parse;

/// <summary>
/// Writes a large MT940 file the way a bank's bulk export looks: day statements of 1,000 entries each for a handful of
/// accounts, each with German structured :86: details (?00 posting text, ?20… remittance, ?32 counterparty) over several
/// lines, and balanced (:60F: + entries = :62F:) so that the balance check passes.
/// </summary>
internal static class LargeMt940
{
    private const int EntriesPerStatement = 1000;
    private const int Accounts = 7;

    public static int Generate(string path, int megabytes)
    {
        var target = megabytes * 1024L * 1024L;
        using var stream = File.Create(path);
        // MT940 is Latin-1 by tradition; the generated text is ASCII anyway.
        using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n" };
        var c = CultureInfo.InvariantCulture;
        var balances = new decimal[Accounts];
        long entries = 0;
        var statements = 0;
        var day = new DateOnly(2026, 1, 1);
        while (stream.Position < target)
        {
            var account = statements % Accounts;
            if (account == 0 && statements > 0) day = day.AddDays(1);
            var opening = balances[account];
            writer.WriteLine(string.Create(c, $":20:STMT{statements:D8}"));
            writer.WriteLine(string.Create(c, $":25:50010517/{5400000000 + account:D10}"));
            writer.WriteLine(string.Create(c, $":28C:{day.DayOfYear:D5}/001"));
            writer.WriteLine(string.Create(c, $":60F:{Sign(opening)}{day:yyMMdd}EUR{Amount(opening)}"));
            var balance = opening;
            for (var i = 0; i < EntriesPerStatement; i++, entries++)
            {
                var amount = 1.00m + entries % 997 / 100m;
                var credit = entries % 3 != 0;
                balance += credit ? amount : -amount;
                writer.WriteLine(string.Create(c, $":61:{day:yyMMdd}{day:MMdd}{(credit ? "C" : "D")}{Amount(amount)}NTRFNONREF//{entries:D12}"));
                writer.WriteLine(string.Create(c, $":86:{(credit ? "166" : "177")}?00{(credit ? "GUTSCHRIFT" : "UEBERWEISUNG")}?109310?20EREF+E2E-{entries}?21SVWZ+Invoice {entries} payment"));
                writer.WriteLine(string.Create(c, $"?22reference text?30COBADEFFXXX?31DE02120300000000202051?32Customer {entries % 1000}"));
            }
            writer.WriteLine(string.Create(c, $":62F:{Sign(balance)}{day:yyMMdd}EUR{Amount(balance)}"));
            writer.WriteLine("-");
            balances[account] = balance;
            statements++;
            writer.Flush();
        }
        Console.WriteLine(string.Create(c, $"{entries} entries in {statements} statements"));
        return 0;
    }

    private static string Sign(decimal value) => value < 0 ? "D" : "C";

    // SWIFT amounts: comma as the decimal mark, no sign (the D/C mark carries it).
    private static string Amount(decimal value) => Math.Abs(value).ToString("0.00", CultureInfo.InvariantCulture).Replace('.', ',');
}
