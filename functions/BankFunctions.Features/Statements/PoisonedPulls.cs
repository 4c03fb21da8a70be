using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Features.Statements;

/// <summary>
/// statements-pull-poison: a pull that failed five times. Nothing is lost — the cursor did not move, so the next
/// scheduled pull starts from the same place — but the account's owner should know the bank is not answering.
/// </summary>
public sealed partial class PoisonedPulls(StatementWarnings warnings, Events.EventRelay relay, TimeProvider clock, ILogger<PoisonedPulls> logger) : IQueueHandler
{
    public async Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken)
    {
        PullMessage pull;
        try
        {
            pull = PullMessage.Parse(message.Body);
        }
        catch (System.Text.Json.JsonException)
        {
            return; // Not ours to explain; the poison queue keeps nothing else.
        }
        var hour = clock.GetUtcNow().ToString("yyyy-MM-dd HH:00", System.Globalization.CultureInfo.InvariantCulture);
        await warnings.RaiseAsync(TableKeys.StatementPartition(pull.TenantId, pull.AccountId), WarningCodes.PullFailed,
            $"Pulling statements from the bank failed five times in a row ({hour} UTC); the next scheduled pull tries again from where the last one stopped.",
            null, null, cancellationToken);
        await relay.RelayAsync(TableKeys.StatementPartition(pull.TenantId, pull.AccountId), cancellationToken);
        LogPoisoned(logger, pull.AccountId);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Statement pull for {AccountId} failed five times and was poisoned")]
    private static partial void LogPoisoned(ILogger logger, string accountId);
}
