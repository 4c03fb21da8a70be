using BankFunctions.Features.Runtime;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Features.Events;

/// <summary>
/// Queue events-sequence-poison: a tenant whose sequencing failed five times in a row. Nothing is lost — its events stay
/// pending in its partition and <see cref="EventsSweep"/> nudges the sequencer again within a minute — so this only
/// makes the failure visible to the operator.
/// </summary>
public sealed partial class PoisonedSequencing(ILogger<PoisonedSequencing> logger) : IQueueHandler
{
    public Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken)
    {
        LogPoisoned(logger, message.Body.Trim(), message.DequeueCount);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sequencing the events of tenant {TenantId} failed {Attempts} times; the events sweep retries it")]
    private static partial void LogPoisoned(ILogger logger, string tenantId, long attempts);
}
