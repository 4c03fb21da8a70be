using System.Globalization;
using BankFunctions.Bench.Webhooks;

// ./bench.sh webhooks [rate=20] [payments=1000] [timeoutMinutes=15] [down=refused|503] [seconds=60] [recovery=wait|reenable]
// (a) state change → webhook received at `rate` payments/s for `seconds`; (b) the receiver down (connection refused or
// 503) for the first half of `payments` payments, then up: every feed event delivered, time to drain, bounded by
// `timeoutMinutes` after the receiver is up; `reenable`: the user disables and enables the endpoint once the receiver is
// up (skipping the back-off) instead of waiting. Exit 1 when a target is missed or an event is lost.
var rate = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var payments = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var timeout = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 15;
var down = args.Length > 3 ? args[3] : "refused";
var seconds = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 60;
var recovery = args.Length > 5 ? args[5] : "wait";
if (rate <= 0 || payments < 2 || timeout <= 0 || down is not ("refused" or "503") || seconds < 0 || recovery is not ("wait" or "reenable"))
{
    Console.Error.WriteLine("usage: webhooks [payments per second > 0] [chaos payments ≥ 2] [drain timeout minutes > 0] [refused|503] [latency seconds ≥ 0, 0 skips (a)] [wait|reenable]");
    return 2;
}
return await new WebhookBenchmark(rate, seconds, payments, TimeSpan.FromMinutes(timeout), down == "503", recovery == "reenable").RunAsync();
