using BankFunctions.Features.ApiKeys;
using BankFunctions.Features.BankConnections;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Health;
using BankFunctions.Features.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BankFunctions.Features;

/// <summary>Registers the core: handlers from the catalog and the services they share. Host-agnostic.</summary>
public static class FeatureServices
{
    public static IServiceCollection AddFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        var operatorOptions = configuration.GetSection(OperatorOptions.Section).Get<OperatorOptions>() ?? new OperatorOptions();
        operatorOptions.Validate();
        services.AddSingleton(operatorOptions);
        var rateLimits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        rateLimits.Validate();
        services.AddSingleton(rateLimits);

        // Bank profiles and endpoints, checked here so a bad profile stops the host before it serves (Profiles/).
        var (profiles, banks) = Profiles.BankProfilesSetup.Read(configuration);
        services.AddSingleton(profiles);
        services.AddSingleton(banks);

        services.AddSigningKeys(configuration);
        services.AddSingleton<BankConnections.BankKeyProvisioner>();
        services.AddSingleton<BankConnections.IBankKeyProvisioner>(sp => sp.GetRequiredService<BankConnections.BankKeyProvisioner>());
        var audit = new AuditTrail.AuditSeal(configuration.GetSection(AuditTrail.AuditOptions.Section).Get<AuditTrail.AuditOptions>() ?? new AuditTrail.AuditOptions());
        services.AddSingleton(audit);
        var events = configuration.GetSection(Events.EventOptions.Section).Get<Events.EventOptions>() ?? new Events.EventOptions();
        events.Validate();
        services.AddSingleton(events);
        services.AddSingleton<Events.EventNudge>();
        services.AddSingleton<Events.EventRelay>();
        services.AddSingleton<BankConnections.ConnectionAvailability>();
        var webhooks = configuration.GetSection(Webhooks.WebhookOptions.Section).Get<Webhooks.WebhookOptions>() ?? new Webhooks.WebhookOptions();
        webhooks.Validate();
        services.AddSingleton(webhooks);
        services.AddSingleton<Webhooks.WebhookEndpointStore>();
        services.AddSingleton<Webhooks.WebhookSender>();
        services.AddSingleton<Events.IEventSubscriber, Webhooks.WebhookFanOut>();
        services.AddSingleton<AuditRows>();
        services.AddSingleton<AuditTrail.AuditCheckpointSigner>();
        services.AddSingleton<AuditTrail.AuditCheckpointStore>();
        var auditChain = configuration.GetSection(AuditTrail.AuditChainOptions.Section).Get<AuditTrail.AuditChainOptions>() ?? new AuditTrail.AuditChainOptions();
        auditChain.Validate();
        services.AddSingleton(auditChain);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<IApiKeyReader, TableApiKeyReader>();
        services.AddSingleton<FailedAuthLimiter>();
        services.AddSingleton<RequestAuthenticator>();
        SignIn.SignInServices.AddPeopleAndSignIn(services, configuration);
        services.AddSingleton<TenantRateLimiter>();
        services.AddSingleton<HttpFunctionInvoker>();
        services.AddSingleton<ApiKeyIssuer>();
        services.AddSingleton<Accounts.AccountCache>();
        services.AddSingleton<Approvals.ApprovalRulesStore>();
        services.AddSingleton<Idempotency.IdempotencyStore>();
        services.AddSingleton<Payments.PaymentStore>();
        services.AddSingleton<Payments.BatchOutcomes>();
        services.AddSingleton<Payments.BatchItemStatuses>();
        services.AddSingleton<Payments.PaymentActionRunner>();
        services.AddSingleton<Payments.AttentionSettlement>();
        services.AddHttpClient();

        var bankWaits = configuration.GetSection(Dispatch.BankWaitOptions.Section).Get<Dispatch.BankWaitOptions>() ?? new Dispatch.BankWaitOptions();
        bankWaits.Validate();
        services.AddSingleton(bankWaits);
        services.AddSingleton<Dispatch.BankWaits>();
        services.AddSingleton<Dispatch.BankWaitBoard>();
        services.AddSingleton<Dispatch.BankFileStore>();
        services.AddSingleton<Dispatch.BankFileRequests>();
        services.AddSingleton<BankConnections.BankPublicKeys>();
        services.AddSingleton<BankConnections.BankAdapters>();

        services.AddSingleton<Statements.StatementFeeds>();
        services.AddSingleton<Statements.EntryStore>();
        services.AddSingleton<Statements.BalanceStore>();
        services.AddSingleton<Reconciliation.DayBalanceStore>();
        services.AddSingleton<Reconciliation.DayEntries>();
        services.AddSingleton<Statements.StatementWarnings>();
        services.AddSingleton<Statements.Reconciler>();
        services.AddSingleton<Statements.StatementIngest>();
        services.AddSingleton<Receivables.ExpectedPaymentStore>();
        services.AddSingleton<Receivables.ReceivableSettlement>();
        services.AddSingleton<ManualMatching.EntrySettlementStore>();
        services.AddSingleton<ManualMatching.MatchPayments>();
        services.AddSingleton<Counterparties.CounterpartyStore>();
        services.AddSingleton<Counterparties.DecideCounterpartyAccount>();
        services.AddSingleton<Statements.StatementBlobs>();
        services.AddSingleton<Statements.AccountImport>();
        services.AddSingleton<PaymentReferences.PaymentReferenceIndex>();
        services.AddSingleton<Receipts.ReceiptRequests>();
        services.AddSingleton<Receipts.ReceiptRefresh>();
        services.AddSingleton<Receipts.ReceiptBlobs>();
        Telemetry.TelemetryServices.AddPlatformOverview(services, configuration);

        var screening = configuration.GetSection(Screening.ScreeningOptions.Section).Get<Screening.ScreeningOptions>() ?? new Screening.ScreeningOptions();
        screening.Validate();
        services.AddSingleton(screening);
        services.AddSingleton<Screening.ScreeningListStore>();
        services.AddSingleton<Screening.Screener>();
        services.AddSingleton<Screening.ScreeningGate>();

        foreach (var handler in FunctionCatalog.All.Select(f => f.Handler).Distinct())
        {
            services.AddScoped(handler);
        }
        return services;
    }
}
