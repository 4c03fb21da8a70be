using System.Globalization;
using BankFunctions.Bench.Chaos;

// ./bench.sh chaos [payments=1000] [faultRate=0.2] [rate=25]: payments through the real host (a child process, SIGKILLed
// twice mid-run) under bank faults; drain time and exactly-once against BankSim's ledger. Exit 1 on a violation or no drain.
var payments = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var faultRate = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 0.2;
var rate = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 25;
if (payments < 2 || faultRate is < 0 or >= 1 || rate <= 0)
{
    Console.Error.WriteLine("usage: chaos [payments ≥ 2] [0 ≤ faultRate < 1] [submissions per second > 0]");
    return 2;
}
return await new ChaosBenchmark(payments, faultRate, rate).RunAsync();
