using BankFunctions.Features.Accounts;
using BankFunctions.Features.ApiKeys;
using BankFunctions.Features.Auth;
using BankFunctions.Features.BankConnections;
using BankFunctions.Features.Health;
using BankFunctions.Features.OpenApi;
using BankFunctions.Features.Runtime;
using BankFunctions.Features.Tenants;

namespace BankFunctions.Features;

/// <summary>
/// Every function of the system, once. The Host wires HTTP routes, queue processors and timers from this list;
/// the Azure Functions app has one shim per entry (a convention test keeps them in step).
/// </summary>
public static class FunctionCatalog
{
    private static readonly Access Operator = Access.Operator;
    private static readonly Access Viewer = Access.Tenant(Role.Viewer);
    private static readonly Access Admin = Access.Tenant(Role.Admin);

    public static readonly IReadOnlyList<FunctionDefinition> All =
    [
        Http<GetHealth>("Health", "GET", "health", Access.Anonymous, "Storage, queues and banks reachable", response: typeof(GetHealth.Response)),
        Http<GetOpenApi>("OpenApi", "GET", "openapi/v1.json", Access.Anonymous, "This OpenAPI 3.1 document"),

        Http<CreateTenant>("CreateTenant", "POST", "v1/admin/tenants", Operator, "Create a tenant",
            typeof(CreateTenant.Request), typeof(CreateTenant.Response), 201),
        Http<CreateTenantApiKey>("CreateTenantApiKey", "POST", "v1/admin/tenants/{tenantId}/api-keys", Operator, "Issue a tenant's first keys",
            typeof(ApiKeyRequest), typeof(CreatedApiKey), 201),

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
    ];

    private static FunctionDefinition Http<THandler>(string name, string method, string route, Access access, string summary,
        Type? request = null, Type? response = null, int status = 200) where THandler : IHttpHandler =>
        new(name, new HttpTrigger(method, route, access, summary) { RequestBody = request, ResponseBody = response, SuccessStatus = status }, typeof(THandler));

    private static FunctionDefinition Queue<THandler>(string name, string queue) where THandler : IQueueHandler =>
        new(name, new QueueTrigger(queue), typeof(THandler));

    private static FunctionDefinition Timer<THandler>(string name, string schedule) where THandler : ITimerHandler =>
        new(name, new TimerTrigger(schedule), typeof(THandler));
}
