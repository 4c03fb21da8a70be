using System.Globalization;
using BankFunctions.Bench.Reseal;

// ./bench.sh reseal [rows=20000]: after a data key rotation, re-seals one tenant's statement entries the way the job
// does (ranges read in clear, transactions) and another tenant's as many row by row (one GET and one MERGE each, the
// reference), on one Azurite: rows/s and storage operations per row of each (issue #16, docs/ENCRYPTION.md "Rotation").
var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
await ResealBenchmark.RunAsync(rows);
