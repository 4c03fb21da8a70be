using System.Globalization;
using BankFunctions.Bench.Backup;

// ./bench.sh backup [rows=100000]: the CLI's backup, verify and restore of one tenant with that many statement entries,
// between two Azurites: rows/s and the CLI process's peak RSS (issue #16: 1 million entries in < 150 MB RSS).
var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
await BackupBenchmark.RunAsync(rows);
