using BankFunctions.Features.Accounts;
using BankFunctions.Features.ApiKeys;
using BankFunctions.Features.Approvals;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Auth;
using BankFunctions.Features.BankConnections;
using BankFunctions.Features.Health;
using BankFunctions.Features.OpenApi;
using BankFunctions.Features.Runtime;
using BankFunctions.Features.Tenants;
using BankFunctions.Storage;

namespace BankFunctions.Features;

/// <summary>
/// Every function of the system, once. The Host wires HTTP routes, queue processors and timers from this list;
/// the Azure Functions app has one shim per entry (tests check the built functions.metadata against this list).
/// </summary>
public static class FunctionCatalog
{
    private static readonly Access Operator = Access.Operator;
    private static readonly Access Viewer = Access.Tenant(Role.Viewer);
    private static readonly Access Admin = Access.Tenant(Role.Admin);
    private static readonly Access Submitter = Access.Tenant(Role.Submitter);
    private static readonly Access Approver = Access.Tenant(Role.Approver);
    private static readonly string[] IdempotencyHeader = ["Idempotency-Key"];

    public static readonly IReadOnlyList<FunctionDefinition> All =
    [
        Http<GetHealth>("Health", "GET", "health", Access.Anonymous, "Storage, queues and banks reachable", response: typeof(GetHealth.Response)),
        Http<GetOpenApi>("OpenApi", "GET", "openapi/v1.json", Access.Anonymous, "This OpenAPI 3.1 document"),
        // The treasury web console (issue #15): static files of a client of this API; people sign in through /auth.
        Http<WebConsole.ConsoleAssets>("ConsoleAssets", "GET", "console/{*path}", Access.Anonymous,
            "The treasury web console: its static files, index.html for the console's own routes",
            responseMedia: ["text/html", "text/javascript", "text/css"]),

        Http<CreateTenant>("CreateTenant", "POST", "v1/admin/tenants", Operator, "Create a tenant",
            typeof(CreateTenant.Request), typeof(CreateTenant.Response), 201),
        Http<CreateTenantApiKey>("CreateTenantApiKey", "POST", "v1/admin/tenants/{tenantId}/api-keys", Operator, "Issue a tenant's first keys",
            typeof(ApiKeyRequest), typeof(CreatedApiKey), 201),

        Http<Users.InviteTenantUser>("InviteTenantUser", "POST", "v1/admin/tenants/{tenantId}/users", Operator, "Invite a tenant's first people",
            typeof(Users.InviteUserRequest), typeof(Users.UserView), 201),

        Http<SignIn.SignInStart>("SignInStart", "GET", "auth/sign-in", Access.Anonymous, "Start an OpenID Connect sign-in to the console (redirects to the provider)",
            status: 302, query: ["returnUrl"]),
        Http<SignIn.SignInCallback>("SignInCallback", "GET", "auth/callback", Access.Anonymous, "The provider's redirect back: starts the session (redirects to the console)",
            status: 302, query: ["code", "state", "error"]),
        Http<SignIn.SignOut>("SignOut", "POST", "auth/sign-out", Access.Tenant(Role.None), "End the console session", status: 204),
        Http<GetMe>("GetMe", "GET", "v1/me", Access.Tenant(Role.None), "Who is calling: the person or key, roles, account scope, CSRF token",
            response: typeof(GetMe.Response)),

        Http<Users.InviteUser>("InviteUser", "POST", "v1/users", Admin, "Invite a person", typeof(Users.InviteUserRequest), typeof(Users.UserView), 201),
        Http<Users.ListUsers>("ListUsers", "GET", "v1/users", Admin, "List the tenant's people", response: typeof(Users.ListUsers.Response)),
        Http<Users.GetUser>("GetUser", "GET", "v1/users/{id}", Admin, "Get a person", response: typeof(Users.UserView)),
        Http<Users.UpdateUser>("UpdateUser", "PATCH", "v1/users/{id}", Admin, "Change a person's roles, account scope, groups, name or disabled",
            typeof(Users.UpdateUserRequest), typeof(Users.UserView)),

        Http<CreateApiKey>("CreateApiKey", "POST", "v1/api-keys", Admin, "Issue an API key", typeof(ApiKeyRequest), typeof(CreatedApiKey), 201),
        Http<ListApiKeys>("ListApiKeys", "GET", "v1/api-keys", Admin, "List API keys", response: typeof(ListApiKeys.Response)),
        Http<RevokeApiKey>("RevokeApiKey", "DELETE", "v1/api-keys/{id}", Admin, "Revoke an API key", status: 204),

        Http<CreateBankConnection>("CreateBankConnection", "POST", "v1/bank-connections", Admin, "Connect to a bank",
            typeof(CreateBankConnection.Request), typeof(BankConnectionView), 201),
        Http<ListBankConnections>("ListBankConnections", "GET", "v1/bank-connections", Admin, "List bank connections",
            response: typeof(ListBankConnections.Response)),

        Http<CreateAccount>("CreateAccount", "POST", "v1/accounts", Admin, "Register a bank account",
            typeof(CreateAccount.Request), typeof(AccountView), 201),
        Http<ListAccounts>("ListAccounts", "GET", "v1/accounts", Viewer, "List bank accounts", response: typeof(ListAccounts.Response)),
        Http<GetAccount>("GetAccount", "GET", "v1/accounts/{id}", Viewer, "Get a bank account", response: typeof(AccountView)),

        Http<PutApprovalRules>("PutApprovalRules", "PUT", "v1/approval-rules", Admin, "Replace the approval rules",
            typeof(PutApprovalRules.Request), typeof(PutApprovalRules.Response)),
        Http<GetApprovalRules>("GetApprovalRules", "GET", "v1/approval-rules", Viewer, "Get the approval rules", response: typeof(PutApprovalRules.Response)),
        Http<PutApprovalWorkflow>("PutApprovalWorkflow", "PUT", "v1/approval-workflows", Admin,
            "Replace the approval workflow (levels, groups, conditions); If-Match for concurrent edits", typeof(WorkflowInput), typeof(PutApprovalWorkflow.Response)),
        Http<GetApprovalWorkflow>("GetApprovalWorkflow", "GET", "v1/approval-workflows", Viewer, "Get the approval workflow and its ETag",
            response: typeof(PutApprovalWorkflow.Response)),
        Http<ListPendingApprovals>("ListPendingApprovals", "GET", "v1/approvals/pending", Approver,
            "Payments and batches the calling key may approve now, newest first", response: typeof(ListPendingApprovals.Response), query: ListPendingApprovals.Parameters),

        Http<SubmitPayment>("SubmitPayment", "POST", "v1/payments", Submitter, "Submit a payment",
            typeof(PaymentInput), typeof(PaymentView), 201),
        Http<ListPayments>("ListPayments", "GET", "v1/payments", Viewer, "List payments, newest first", response: typeof(ListPayments.Response),
            query: PaymentListQuery.Parameters),
        Http<GetPayment>("GetPayment", "GET", "v1/payments/{id}", Viewer, "Get a payment", response: typeof(PaymentView)),
        Http<ApprovePayment>("ApprovePayment", "POST", "v1/payments/{id}/approve", Approver, "Approve a payment", typeof(ReasonInput), typeof(PaymentView)),
        Http<RejectPayment>("RejectPayment", "POST", "v1/payments/{id}/reject", Approver, "Reject a payment", typeof(ReasonInput), typeof(PaymentView)),
        Http<CancelPayment>("CancelPayment", "POST", "v1/payments/{id}/cancel", Submitter, "Cancel a payment before it is sent", typeof(ReasonInput), typeof(PaymentView)),

        Http<SubmitBatch>("SubmitBatch", "POST", "v1/payment-batches", Submitter, "Submit a batch or payroll (up to 10,000 items)",
            typeof(SubmitBatch.Request), typeof(BatchView), 201),
        Http<ValidateBatch>("ValidateBatch", "POST", "v1/payment-batches/validate", Submitter,
            "Check a batch or payroll as POST /v1/payment-batches would, storing nothing", typeof(SubmitBatch.Request), typeof(ValidateBatch.Response)),
        Http<GetBatch>("GetBatch", "GET", "v1/payment-batches/{id}", Viewer, "Get a batch with counts and items", response: typeof(BatchView),
            query: ["cursor", "limit"]),
        Http<ApproveBatch>("ApproveBatch", "POST", "v1/payment-batches/{id}/approve", Approver, "Approve a batch", typeof(ReasonInput), typeof(BatchView)),
        Http<RejectBatch>("RejectBatch", "POST", "v1/payment-batches/{id}/reject", Approver, "Reject a batch", typeof(ReasonInput), typeof(BatchView)),
        Http<AuditTrail.ListAudit>("ListAudit", "GET", "v1/audit", Admin, "The audit trail", response: typeof(AuditTrail.ListAudit.Response),
            query: ["from", "to", "cursor", "limit"]),
        Http<AuditTrail.VerifyAudit>("VerifyAudit", "GET", "v1/audit/verify", Admin, "Check every audit row's seal and the hash chain against the signed checkpoints; the first broken link",
            response: typeof(AuditTrail.VerifyAudit.Response)),
        Timer<AuditTrail.AuditChainer>("AuditChain", AuditTrail.AuditChainer.Schedule),

        Timer<Outbox.OutboxSweep>("OutboxSweep", Outbox.OutboxSweep.Schedule),

        // Events (issue #14): committed with each audited change, numbered by the sequencer, read as a gap-free feed.
        Http<Events.ListEvents>("ListEvents", "GET", "v1/events", Viewer, "The tenant's events in sequence order (a gap-free feed to catch up on webhooks)",
            response: typeof(Events.ListEvents.Response), query: Events.ListEvents.Parameters),
        Queue<Events.SequenceEvents>("SequenceEvents", QueueNames.EventsSequence),
        Queue<Events.PoisonedSequencing>("SequenceEventsPoison", QueueNames.Poison(QueueNames.EventsSequence)),
        Timer<Events.EventsSweep>("EventsSweep", Events.EventsSweep.Schedule),
        Timer<Events.EventsRetention>("EventsRetention", Events.EventsRetention.Schedule),
        Timer<SignIn.SessionsSweep>("SessionsSweep", SignIn.SessionsSweep.Schedule),
        // Webhooks (issue #14): each endpoint's pump delivers the feed from its cursor, signed (Standard Webhooks), with back-off.
        Http<Webhooks.CreateWebhookEndpoint>("CreateWebhookEndpoint", "POST", "v1/webhook-endpoints", Admin,
            "Register a webhook endpoint; its signing secret is in this answer only", typeof(Webhooks.WebhookEndpointInput), typeof(Webhooks.WebhookEndpointView), 201),
        Http<Webhooks.ListWebhookEndpoints>("ListWebhookEndpoints", "GET", "v1/webhook-endpoints", Admin, "List webhook endpoints",
            response: typeof(Webhooks.ListWebhookEndpoints.Response)),
        Http<Webhooks.GetWebhookEndpoint>("GetWebhookEndpoint", "GET", "v1/webhook-endpoints/{id}", Admin, "Get a webhook endpoint",
            response: typeof(Webhooks.WebhookEndpointView)),
        Http<Webhooks.UpdateWebhookEndpoint>("UpdateWebhookEndpoint", "PATCH", "v1/webhook-endpoints/{id}", Admin,
            "Change a webhook endpoint's URL, description or event types, or disable or enable it", typeof(Webhooks.WebhookEndpointInput), typeof(Webhooks.WebhookEndpointView)),
        Http<Webhooks.DeleteWebhookEndpoint>("DeleteWebhookEndpoint", "DELETE", "v1/webhook-endpoints/{id}", Admin, "Delete a webhook endpoint", status: 204),
        Http<Webhooks.RotateWebhookSecret>("RotateWebhookSecret", "POST", "v1/webhook-endpoints/{id}/rotate-secret", Admin,
            "A new signing secret (in this answer only); the old one signs too for 24 hours", response: typeof(Webhooks.WebhookEndpointView)),
        Http<Webhooks.TestWebhookEndpoint>("TestWebhookEndpoint", "POST", "v1/webhook-endpoints/{id}/test", Admin,
            "Send a signed webhook_endpoint.test event now and show what the receiver answered", response: typeof(Webhooks.TestWebhookEndpoint.Response)),
        Http<Webhooks.ListWebhookDeliveries>("ListWebhookDeliveries", "GET", "v1/webhook-endpoints/{id}/deliveries", Admin,
            "An endpoint's deliveries, newest first: outcome, attempts (status code, latency, error), next retry",
            response: typeof(Webhooks.ListWebhookDeliveries.Response), query: Webhooks.ListWebhookDeliveries.Parameters),
        Http<Webhooks.RedeliverEvent>("RedeliverEvent", "POST", "v1/events/{id}/redeliver", Admin,
            "Send an event again to one endpoint or to every enabled endpoint that wants it (queued)", typeof(Webhooks.RedeliverEvent.Request),
            typeof(Webhooks.RedeliverEvent.Response), 202),
        Queue<Webhooks.DeliverWebhooks>(Webhooks.DeliverWebhooks.FunctionName, QueueNames.WebhooksDeliver),
        Queue<Webhooks.PoisonedWebhookDeliveries>("DeliverWebhooksPoison", QueueNames.Poison(QueueNames.WebhooksDeliver)),
        Timer<Webhooks.WebhooksSweep>("WebhooksSweep", Webhooks.WebhooksSweep.Schedule),

        Queue<Dispatch.SignPayments>("SignPayments", QueueNames.PaymentsSign),
        Queue<Dispatch.DispatchPayments>("DispatchPayments", QueueNames.PaymentsDispatch),
        Queue<Dispatch.PollPaymentStatus>("PollPaymentStatus", QueueNames.PaymentsStatus),
        Queue<Dispatch.PoisonedPayments>("SignPaymentsPoison", QueueNames.Poison(QueueNames.PaymentsSign)),
        Queue<Dispatch.PoisonedPayments>("DispatchPaymentsPoison", QueueNames.Poison(QueueNames.PaymentsDispatch)),
        Queue<Dispatch.PoisonedPayments>("PollPaymentStatusPoison", QueueNames.Poison(QueueNames.PaymentsStatus)),

        Http<Statements.GetBalances>("GetBalances", "GET", "v1/accounts/{id}/balances", Viewer, "Latest booked and available balance",
            response: typeof(Statements.BalancesView)),
        Http<Statements.ListTransactions>("ListTransactions", "GET", "v1/accounts/{id}/transactions", Viewer, "Statement entries, newest first",
            response: typeof(Statements.ListTransactions.Response), query: ["from", "to", "matched", "cursor", "limit"]),
        Http<Reconciliation.GetReconciliation>("GetReconciliation", "GET", "v1/accounts/{id}/reconciliation", Viewer,
            "Per day: booked opening and closing balance from the statements, matched, unmatched and pending entries (JSON, or CSV for Accept: text/csv)",
            response: typeof(Reconciliation.ReconciliationReport), query: Reconciliation.GetReconciliation.Parameters, responseMedia: [Reconciliation.Csv.ContentType]),
        Http<Reconciliation.ExportTransactions>("ExportTransactions", "GET", "v1/accounts/{id}/transactions/export", Viewer,
            "Statement entries of a window as a file: CSV, or camt.053.001.08 for ERPs that import bank statements",
            query: Reconciliation.ExportTransactions.Parameters, responseMedia: [Reconciliation.Csv.ContentType, Reconciliation.ExportTransactions.XmlContentType]),
        Http<Statements.ImportStatement>("ImportStatement", "POST", "v1/accounts/{id}/statements", Admin, "Import a statement file (body = the file, ≤ 50 MiB)",
            response: typeof(Statements.IngestSummary), rawBody: Statements.ImportStatement.ContentTypes, query: ["strict"]),
        Http<Statements.ImportTenantStatements>("ImportTenantStatements", "POST", "v1/statements", Admin,
            "Import a statement file for several accounts: each statement into the account it names (body = the file, ≤ 50 MiB)",
            response: typeof(Statements.ImportTenantStatements.Response), rawBody: Statements.StatementUpload.ContentTypes, query: ["strict"]),
        // E-receipts (issue #14): fetched in the background per booked entry; the routes only read what is stored.
        Queue<Receipts.FetchReceipt>("FetchReceipt", QueueNames.ReceiptsFetch),
        Queue<Receipts.PoisonedReceipts>("FetchReceiptPoison", QueueNames.Poison(QueueNames.ReceiptsFetch)),
        Http<Receipts.GetPaymentReceipt>("GetPaymentReceipt", "GET", "v1/payments/{id}/receipt", Viewer,
            "The bank's e-receipt of a completed payment (PDF, or the entry's camt.054), with ETag and Digest; 404 receipt-not-available until fetched",
            responseMedia: [Banks.Adapters.Cmb.CmbReceipt.ContentType, Banks.Adapters.Iso.IsoReceipt.ContentType], digested: true),
        Http<Receipts.GetTransactionReceipt>("GetTransactionReceipt", "GET", "v1/accounts/{id}/transactions/{entryId}/receipt", Viewer,
            "The bank's e-receipt of a booked statement entry (PDF, or its camt.054), with ETag and Digest; 404 receipt-not-available until fetched",
            responseMedia: [Banks.Adapters.Cmb.CmbReceipt.ContentType, Banks.Adapters.Iso.IsoReceipt.ContentType], digested: true),
        Http<Receipts.RefreshPaymentReceipt>("RefreshPaymentReceipt", "POST", "v1/payments/{id}/receipt/refresh", Admin,
            "Fetch a completed payment's e-receipt again after the background fetch gave up (202); 409 when it is stored, not completed or not booked yet",
            response: typeof(Receipts.RefreshPaymentReceipt.Response), status: 202),
        Http<Receipts.RefreshTransactionReceipt>("RefreshTransactionReceipt", "POST", "v1/accounts/{id}/transactions/{entryId}/receipt/refresh", Admin,
            "Fetch a booked entry's e-receipt again after the background fetch gave up (202); 409 when it is stored, pending or has no bank reference",
            response: typeof(Receipts.RefreshTransactionReceipt.Response), status: 202),
        Http<Statements.RefreshAccount>("RefreshAccount", "POST", "v1/accounts/{id}/refresh", Admin, "Pull balances and statements now",
            response: typeof(Statements.RefreshAccount.Response), status: 202),
        Http<Statements.ListStatementWarnings>("ListStatementWarnings", "GET", "v1/accounts/{id}/statement-warnings", Viewer,
            "Deviations read from statement files, imbalanced statements, sequence gaps, amount mismatches, failing pulls", response: typeof(Statements.ListStatementWarnings.Response)),
        Timer<Statements.ScheduleStatementPulls>("StatementsSchedule", Statements.ScheduleStatementPulls.Schedule),
        Queue<Statements.PullStatements>("PullStatements", QueueNames.StatementsPull),
        Queue<Statements.PoisonedPulls>("PullStatementsPoison", QueueNames.Poison(QueueNames.StatementsPull)),

        Http<ListBatches>("ListBatches", "GET", "v1/payment-batches", Viewer, "List batches, newest first", response: typeof(ListBatches.Response),
            query: ["debtorAccountId", "cursor", "limit"]),
        // Encryption at rest (issue #16): the key rotations of docs/ENCRYPTION.md, run by the operator.
        Http<Encryption.RewrapDataKeys>("RewrapDataKeys", "POST", "v1/admin/encryption/rewrap", Operator,
            "Re-wrap every tenant's data keys with the current key-encryption key version (after a KEK rotation); rows are not rewritten",
            response: typeof(Encryption.RewrapDataKeys.Response)),
        Http<Encryption.RotateTenantDataKey>("RotateTenantDataKey", "POST", "v1/admin/tenants/{tenantId}/data-key/rotate", Operator,
            "A new data key version for the tenant's new writes; older values still open and are re-sealed on their next write",
            response: typeof(Encryption.RotateTenantDataKey.Response)),
        Http<Encryption.StartDataKeyReseal>("StartDataKeyReseal", "POST", "v1/admin/tenants/{tenantId}/data-key/reseal", Operator,
            "Re-seal every value of the tenant still under an older data key version under the newest, as a background job (Location: its state)",
            response: typeof(Encryption.DataKeyResealView), status: 202),
        Http<Encryption.GetDataKeyReseal>("GetDataKeyReseal", "GET", "v1/admin/tenants/{tenantId}/data-key/reseal", Operator,
            "The tenant's newest re-seal: state, counts per table and container, and once completed the oldest data key version left",
            response: typeof(Encryption.DataKeyResealView)),
        Queue<Encryption.ResealDataKeyPage>("ResealDataKeyPage", QueueNames.DataKeyReseal),
        Queue<Encryption.PoisonedDataKeyReseal>("ResealDataKeyPagePoison", QueueNames.Poison(QueueNames.DataKeyReseal)),
        Http<BackfillListIndex>("BackfillListIndex", "POST", "v1/admin/tenants/{tenantId}/list-index", Operator,
            "Write the payment and batch list index for data accepted before it existed", response: typeof(BackfillListIndex.Response)),
        // Resolving needs_attention (issue #17): a tenant admin's routes and the operator's twins for any tenant.
        Http<GetAttention>("GetPaymentAttention", "GET", "v1/payments/{id}/attention", Admin,
            "A payment's bank file, attempts and the bank's answers, to resolve needs_attention", response: typeof(AttentionView)),
        Http<RequeryPayment>("RequeryPayment", "POST", "v1/payments/{id}/attention/requery", Admin,
            "Ask the bank now what became of a payment in needs_attention", response: typeof(RequeryView)),
        Http<ResolvePayment>("ResolvePayment", "POST", "v1/payments/{id}/attention/resolve", Admin,
            "Resolve a payment in needs_attention as failed, or propose it completed", typeof(ResolveInput), typeof(PaymentView)),
        Http<ConfirmResolution>("ConfirmPaymentResolution", "POST", "v1/payments/{id}/attention/confirm", Admin,
            "Confirm a proposed completed resolution (another person)", typeof(ReasonInput), typeof(PaymentView)),
        Http<GetAttention>("OperatorGetPaymentAttention", "GET", "v1/admin/tenants/{tenantId}/payments/{id}/attention", Operator,
            "A tenant's payment's bank file, attempts and the bank's answers", response: typeof(AttentionView)),
        Http<RequeryPayment>("OperatorRequeryPayment", "POST", "v1/admin/tenants/{tenantId}/payments/{id}/attention/requery", Operator,
            "Ask the bank now what became of a tenant's payment in needs_attention", response: typeof(RequeryView)),
        Http<ResolvePayment>("OperatorResolvePayment", "POST", "v1/admin/tenants/{tenantId}/payments/{id}/attention/resolve", Operator,
            "Resolve a tenant's payment in needs_attention as failed, or propose it completed", typeof(ResolveInput), typeof(PaymentView)),
        Http<ConfirmResolution>("OperatorConfirmPaymentResolution", "POST", "v1/admin/tenants/{tenantId}/payments/{id}/attention/confirm", Operator,
            "Confirm a proposed completed resolution of a tenant's payment (another person)", typeof(ReasonInput), typeof(PaymentView)),
        Http<CancelBatch>("CancelBatch", "POST", "v1/payment-batches/{id}/cancel", Submitter, "Cancel a batch before it is sent", typeof(ReasonInput), typeof(BatchView)),

        Http<Receivables.CreateExpectedPayment>("CreateExpectedPayment", "POST", "v1/expected-payments", Submitter, "Expect a payment on an account (a receivable or an expected debit)",
            typeof(Receivables.ExpectedPaymentInput), typeof(Receivables.ExpectedPaymentView), 201),
        Http<Receivables.ListExpectedPayments>("ListExpectedPayments", "GET", "v1/expected-payments", Viewer, "List expected payments, oldest first",
            response: typeof(Receivables.ListExpectedPayments.Response), query: Receivables.ListExpectedPayments.Parameters),
        Http<Receivables.GetExpectedPayment>("GetExpectedPayment", "GET", "v1/expected-payments/{id}", Viewer, "Get an expected payment with what settled it",
            response: typeof(Receivables.ExpectedPaymentView)),
        Http<Receivables.CancelExpectedPayment>("CancelExpectedPayment", "POST", "v1/expected-payments/{id}/cancel", Submitter, "Stop matching an expected payment",
            typeof(ReasonInput), typeof(Receivables.ExpectedPaymentView)),
        // Manual matching (issue #17): the route with the literal segment "unmatched" before the one with {entryId}.
        Http<ManualMatching.ListUnmatchedTransactions>("ListUnmatchedTransactions", "GET", "v1/accounts/{id}/transactions/unmatched", Viewer,
            "Booked entries not settled in full, with the candidates the automatic rules looked at and why each was not taken",
            response: typeof(ManualMatching.ListUnmatchedTransactions.Response), query: ManualMatching.ListUnmatchedTransactions.Parameters),
        Http<ManualMatching.MatchTransaction>("MatchTransaction", "POST", "v1/accounts/{id}/transactions/{entryId}/match", Submitter,
            "Settle expected payments with a booked entry by hand, whole or in parts", typeof(Receivables.MatchInput), typeof(ManualMatching.EntrySettlementView)),
        Http<ManualMatching.UnmatchTransaction>("UnmatchTransaction", "POST", "v1/accounts/{id}/transactions/{entryId}/unmatch", Submitter,
            "Take back what an entry settled; it is not matched automatically again", typeof(Receivables.UnmatchInput), typeof(ManualMatching.EntrySettlementView)),

        Http<Counterparties.CreateCounterparty>("CreateCounterparty", "POST", "v1/counterparties", Submitter, "Add a counterparty (payee) with its bank accounts",
            typeof(Counterparties.CounterpartyInput), typeof(Counterparties.CounterpartyView), 201),
        Http<Counterparties.ListCounterparties>("ListCounterparties", "GET", "v1/counterparties", Viewer, "List counterparties, oldest first",
            response: typeof(Counterparties.ListCounterparties.Response), query: Counterparties.ListCounterparties.Parameters),
        Http<Counterparties.GetCounterparty>("GetCounterparty", "GET", "v1/counterparties/{id}", Viewer, "Get a counterparty with its accounts",
            response: typeof(Counterparties.CounterpartyView)),
        Http<Counterparties.UpdateCounterparty>("UpdateCounterparty", "PATCH", "v1/counterparties/{id}", Submitter,
            "Change a counterparty; a new or changed account needs approval", typeof(Counterparties.CounterpartyInput), typeof(Counterparties.CounterpartyView)),
        Http<Counterparties.DeleteCounterparty>("DeleteCounterparty", "DELETE", "v1/counterparties/{id}", Submitter, "Delete a counterparty", status: 204),
        Http<Counterparties.ApproveCounterpartyAccount>("ApproveCounterpartyAccount", "POST", "v1/counterparties/{id}/accounts/{accountId}/approve", Approver,
            "Approve a new or changed counterparty account (not its requester)", typeof(ReasonInput), typeof(Counterparties.CounterpartyView)),
        Http<Counterparties.RejectCounterpartyAccount>("RejectCounterpartyAccount", "POST", "v1/counterparties/{id}/accounts/{accountId}/reject", Approver,
            "Reject a new or changed counterparty account", typeof(ReasonInput), typeof(Counterparties.CounterpartyView)),

        // Sanctions screening (issue #17): the operator loads the lists for every tenant; a tenant admin decides a hit.
        Http<Screening.PutScreeningList>("PutScreeningList", "PUT", "v1/admin/screening-lists/{source}", Operator,
            "Load a sanctions list (ofac-sdn, ofac-alt, eu-consolidated; body = the file in its published format)",
            response: typeof(Screening.ScreeningListView), rawBody: Screening.PutScreeningList.ContentTypes),
        Http<Screening.ListScreeningLists>("ListScreeningLists", "GET", "v1/admin/screening-lists", Operator, "The loaded sanctions lists and the threshold",
            response: typeof(Screening.ListScreeningLists.Response)),
        Http<Telemetry.GetOverview>("GetOverview", "GET", "v1/admin/overview", Operator,
            "The platform's figures: queues, banks and tenants (payments by status, needs_attention, statement freshness, unmatched entries)",
            response: typeof(Telemetry.PlatformOverview)),
        Http<Screening.GetScreeningList>("GetScreeningList", "GET", "v1/admin/screening-lists/{source}", Operator, "One loaded sanctions list",
            response: typeof(Screening.ScreeningListView)),
        Http<Screening.ClearScreening>("ClearScreening", "POST", "v1/payments/{id}/screening/clear", Admin,
            "Clear a payment held by screening (a false positive): it is signed and sent", typeof(Screening.ScreeningReasonInput), typeof(PaymentView)),
        Http<Screening.RejectScreening>("RejectScreening", "POST", "v1/payments/{id}/screening/reject", Admin,
            "Reject a payment held by screening (a true match)", typeof(Screening.ScreeningReasonInput), typeof(PaymentView)),
    ];

    /// <summary>The entry named <paramref name="name"/> (the Functions shims look themselves up by name).</summary>
    public static FunctionDefinition Find(string name) =>
        All.FirstOrDefault(f => f.Name == name) ?? throw new InvalidOperationException($"No function named {name} in the catalog.");

    private static FunctionDefinition Http<THandler>(string name, string method, string route, Access access, string summary,
        Type? request = null, Type? response = null, int status = 200, IReadOnlyList<string>? query = null, IReadOnlyList<string>? rawBody = null,
        IReadOnlyList<string>? responseMedia = null, bool digested = false)
        where THandler : IHttpHandler =>
        new(name, new HttpTrigger(method, route, access, summary)
        {
            RequestBody = request,
            ResponseBody = response,
            SuccessStatus = status,
            Query = query ?? [],
            RawBodyTypes = rawBody ?? [],
            ResponseMediaTypes = responseMedia ?? [],
            Digested = digested,
            RequiredHeaders = method == "POST" && TakesIdempotencyKey(route) ? IdempotencyHeader : [],
        }, typeof(THandler));

    /// <summary>The POSTs that create or settle something take an Idempotency-Key (API.md "Idempotency").</summary>
    private static bool TakesIdempotencyKey(string route) =>
        route is "v1/payments" or "v1/payment-batches" or "v1/expected-payments" or "v1/counterparties"
        || route.EndsWith("/match", StringComparison.Ordinal) || route.EndsWith("/unmatch", StringComparison.Ordinal);

    private static FunctionDefinition Queue<THandler>(string name, string queue) where THandler : IQueueHandler =>
        new(name, new QueueTrigger(queue), typeof(THandler));

    private static FunctionDefinition Timer<THandler>(string name, string schedule) where THandler : ITimerHandler =>
        new(name, new TimerTrigger(schedule), typeof(THandler));
}
