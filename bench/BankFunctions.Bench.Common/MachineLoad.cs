namespace BankFunctions.Bench.Common;

public static class MachineLoad
{
    /// <summary>1, 5 and 15 minute load averages: on a shared machine the rates mean little without them.</summary>
    public static string Average() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
