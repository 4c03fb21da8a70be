using BankFunctions.Bench.Parse;

return args.FirstOrDefault() switch
{
    "payload" when args.Length == 5 => Payloads.Write(args[1], args[2], args[3], int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture)),
    "throughput" when args.Length == 3 => Throughput.Run(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)),
    "generate" when args.Length == 3 => LargeCamt.Generate(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)),
    "generate-mt940" when args.Length == 3 => LargeMt940.Generate(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)),
    "rss" when args.Length == 2 => PeakMemory.Run(args[1]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: payload <mt940 file> <camt.053 file> <out dir> <megabytes>   build the in-memory-sized benchmark inputs
               throughput <file> <iterations>                               parse a file from memory, print MB/s and entries/s
               generate <out file> <megabytes>                              write a large camt.053 (one statement)
               generate-mt940 <out file> <megabytes>                        write a large MT940 (day statements of 1,000 entries)
               rss <file>                                                   stream-parse a file, print entries and peak working set
        """);
    return 1;
}
