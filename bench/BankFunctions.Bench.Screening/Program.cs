using BankFunctions.Bench.Screening;

// ./bench.sh screening [entries=10000] [names=5000]: issue #17 — screening one creditor name against a loaded list.
var entries = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
var names = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5_000;
ScreeningBenchmark.Run(entries, names);
