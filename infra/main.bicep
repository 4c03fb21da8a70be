// BankFunctions on Azure: storage, Key Vault, monitoring, one managed identity, and the app either on
// Azure Functions Flex Consumption (hosting = 'functions') or on Azure Container Apps (hosting = 'containerapps').
// Deploy: docs/DEPLOY.md. App settings: exactly the keys of docs/CONFIGURATION.md (a test checks it).

import { queueConsumer, signingKey, timerSchedule } from 'modules/types.bicep'

targetScope = 'resourceGroup'

@description('Short name of the system in resource names: lower-case letters and digits. At most 7 characters, so a job name such as "<app>-prod-statements-schedule" stays within the 32 that Container Apps allows.')
@minLength(2)
@maxLength(7)
param appName string = 'bankfn'

@description('Environment name, used in resource names and tags.')
@allowed([
  'dev'
  'test'
  'prod'
])
param environment string

param location string = resourceGroup().location

@description('Where the app runs: Azure Functions (Flex Consumption) or Azure Container Apps.')
@allowed([
  'functions'
  'containerapps'
])
param hosting string = 'functions'

// ---- Functions (Flex Consumption) ----

@description('Memory per Flex Consumption instance.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound of Flex Consumption instances (also bounds concurrent calls to the banks).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Always-ready instances for HTTP functions (0 = scale to zero, cold starts on the API).')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int = 0

// ---- Container Apps ----

@description('Host image for hosting = containerapps, e.g. myregistry.azurecr.io/bankfunctions-host:1.0.0.')
param containerImage string = ''

@description('Azure Container Registry in this resource group holding the image; the identity gets AcrPull on it. Empty: public image.')
param containerRegistryName string = ''

@description('in-app: the Host runs queue processors and timers itself. jobs: Container Apps jobs do (scale to zero; needs the Host\'s --http-only / --drain-queue / --run-timer modes).')
@allowed([
  'in-app'
  'jobs'
])
param containerBackgroundWork string = 'in-app'

@minValue(0)
@maxValue(30)
param containerMinReplicas int = 1

@minValue(1)
@maxValue(300)
param containerMaxReplicas int = 10

// ---- Storage, Key Vault, monitoring ----

@description('Standard_GZRS / Standard_RAGZRS: zone-redundant and copied to the paired region (tables, queues and blobs alike).')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GZRS'
  'Standard_RAGZRS'
])
param storageSkuName string = 'Standard_ZRS'

@minValue(1)
@maxValue(365)
param blobDeleteRetentionDays int = 30

@description('Days blobs can be restored to any earlier point (0 = off). Turns on versioning and the change feed it needs; must be less than blobDeleteRetentionDays. Tables have no point-in-time restore: the CLI backup covers them (docs/DEPLOY.md).')
@minValue(0)
@maxValue(364)
param blobPointInTimeRestoreDays int = 0

@description('Days each signed audit checkpoint blob (container audit-checkpoints) stays write-once: a time-based retention (WORM) policy, created unlocked; lock it once checked (docs/DEPLOY.md). While it runs the blobs cannot be changed or deleted, not even by the app.')
@minValue(1)
@maxValue(146000)
param auditCheckpointRetentionDays int = 2555

@description('premium: signing keys live in HSMs (RSA-HSM / EC-HSM).')
@allowed([
  'standard'
  'premium'
])
param keyVaultSku string = 'premium'

@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@description('Platform signing keys to create (HSM-protected on a premium vault). Keys per tenant bank connection are created at runtime.')
param signingKeys signingKey[] = []

@description('Let the app create a key / SM2 secret per tenant bank connection (POST /v1/bank-connections). Deploys a custom role: the deployer needs Owner or User Access Administrator.')
param allowRuntimeKeyCreation bool = true

@description('Entra group (object id) whose members rotate keys and the operator key. Empty: none.')
param keyOfficersGroupObjectId string = ''

@description('Operator key for /v1/admin/*, written to Key Vault when not empty. Leave empty to keep the current secret.')
@secure()
param operatorApiKey string = ''

@description('HMAC key that seals audit rows (Audit__SealKey), written to Key Vault when not empty. Never change it once rows exist.')
@secure()
param auditSealKey string = ''

@description('Console sign-in (issue #15): the Entra ID issuer, https://login.microsoftonline.com/<directory id>/v2.0. Empty: no console sign-in, API keys only.')
param oidcAuthority string = ''

@description('Application (client) id of the console\'s Entra app registration, whose redirect URI is <consolePublicBaseUrl>/auth/callback and which trusts the app\'s managed identity as a federated credential (docs/DEPLOY.md "Console sign-in").')
param oidcClientId string = ''

@description('The console\'s public origin (https://treasury.example.com); empty: the host\'s own address.')
param consolePublicBaseUrl string = ''

@description('Claim matched with invitations: email, or preferred_username for an Entra directory that does not send email.')
param oidcEmailClaim string = 'email'

@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

// ---- Application configuration (docs/CONFIGURATION.md) ----

@description('Base URL of the ISO 20022 bank (Banks__simbank_iso__BaseUrl).')
param bankIsoBaseUrl string

@description('Base URL of the CMB-style bank (Banks__simbank_cmb__BaseUrl).')
param bankCmbBaseUrl string

@description('Per-tenant request rate (RateLimit__PermitsPerSecond).')
@minValue(1)
param rateLimitPermitsPerSecond int = 50

@description('E-mail addresses the alert rules notify (infra/modules/alerts.bicep, runbooks in docs/runbooks/).')
param alertEmailAddresses string[] = []

@description('Webhook URLs the alert rules post to (common alert schema).')
param alertWebhookUrls string[] = []

param tags object = {}

// Queues with a consumer: every queue of QueueNames.cs, and the "-poison" twins the FunctionCatalog consumes (the
// poisoned payments become needs_attention, poisoned pulls a warning). With containerBackgroundWork = 'jobs' each is drained by its own job.
var queueConsumers queueConsumer[] = [
  { queue: 'payments-sign', jobName: 'payments-sign' }
  { queue: 'payments-dispatch', jobName: 'payments-dispatch' }
  { queue: 'payments-status', jobName: 'payments-status' }
  { queue: 'statements-pull', jobName: 'statements-pull' }
  { queue: 'receipts-fetch', jobName: 'receipts-fetch' }
  { queue: 'events-sequence', jobName: 'events-sequence' }
  { queue: 'webhooks-deliver', jobName: 'webhooks-deliver' }
  { queue: 'datakey-reseal', jobName: 'datakey-reseal' }
  { queue: 'payments-sign-poison', jobName: 'sign-poison' }
  { queue: 'payments-dispatch-poison', jobName: 'dispatch-poison' }
  { queue: 'payments-status-poison', jobName: 'status-poison' }
  { queue: 'statements-pull-poison', jobName: 'pull-poison' }
  { queue: 'receipts-fetch-poison', jobName: 'receipts-poison' }
  { queue: 'events-sequence-poison', jobName: 'sequence-poison' }
  { queue: 'webhooks-deliver-poison', jobName: 'webhooks-poison' }
  { queue: 'datakey-reseal-poison', jobName: 'reseal-poison' }
]
// Queues of QueueNames.cs, each followed by the "-poison" twin it moves to after maxDequeueCount attempts.
var queueNames = [
  'payments-sign'
  'payments-sign-poison'
  'payments-dispatch'
  'payments-dispatch-poison'
  'payments-status'
  'payments-status-poison'
  'statements-pull'
  'statements-pull-poison'
  'receipts-fetch'
  'receipts-fetch-poison'
  'events-sequence'
  'events-sequence-poison'
  'webhooks-deliver'
  'webhooks-deliver-poison'
  'datakey-reseal'
  'datakey-reseal-poison'
]

// Tables of TableNames.cs.
var tableNames = [
  'TenantData'
  'ApiKeys'
  'Statements'
  'Tenants'
  'TenantKeys'
  'Identities'
  'Sessions'
]

// Containers of BlobContainers.cs.
var blobContainerNames = [
  'bank-files'
  'statements'
  'receipts'
  'locks'
  'screening-lists'
  'audit-checkpoints'
]

var deploymentContainerName = 'app-package'

// Timers of the FunctionCatalog (NCRONTAB, UTC; docs/CONFIGURATION.md).
var timers timerSchedule[] = [
  {
    name: 'outbox-sweep'
    functionName: 'OutboxSweep'
    ncrontab: '0 */1 * * * *'
  }
  {
    name: 'statements-schedule'
    functionName: 'StatementsSchedule'
    ncrontab: '0 */5 * * * *'
  }
  {
    name: 'audit-chain'
    functionName: 'AuditChain'
    ncrontab: '0 */5 * * * *'
  }
  {
    name: 'events-sweep'
    functionName: 'EventsSweep'
    ncrontab: '0 */1 * * * *'
  }
  {
    name: 'webhooks-sweep'
    functionName: 'WebhooksSweep'
    ncrontab: '0 */1 * * * *'
  }
  {
    name: 'events-retention'
    functionName: 'EventsRetention'
    ncrontab: '0 15 3 * * *'
  }
  {
    name: 'sessions-sweep'
    functionName: 'SessionsSweep'
    ncrontab: '0 20 * * * *'
  }
]

var suffix = uniqueString(resourceGroup().id, appName, environment)
var allTags = union(tags, {
  application: 'BankFunctions'
  environment: environment
})

var names = {
  identity: 'id-${appName}-${environment}'
  logAnalytics: 'log-${appName}-${environment}'
  appInsights: 'appi-${appName}-${environment}'
  actionGroup: 'ag-${appName}-${environment}'
  storage: take('st${appName}${environment}${suffix}', 24)
  keyVault: take('kv-${appName}-${environment}-${suffix}', 24)
  plan: 'plan-${appName}-${environment}'
  functionApp: 'func-${appName}-${environment}-${suffix}'
  containerEnvironment: 'cae-${appName}-${environment}'
  containerApp: 'ca-${appName}-${environment}'
  containerJobPrefix: '${appName}-${environment}'
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    location: location
    tags: allTags
    retentionInDays: logRetentionInDays
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    appInsightsId: monitoring.outputs.appInsightsId
    actionGroupName: names.actionGroup
    namePrefix: '${appName}-${environment}'
    location: location
    tags: allTags
    emailAddresses: alertEmailAddresses
    webhookUrls: alertWebhookUrls
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: allTags
    skuName: storageSkuName
    queueNames: queueNames
    tableNames: tableNames
    blobContainerNames: blobContainerNames
    deploymentContainerName: deploymentContainerName
    deleteRetentionDays: blobDeleteRetentionDays
    pointInTimeRestoreDays: blobPointInTimeRestoreDays
    auditCheckpointRetentionDays: auditCheckpointRetentionDays
  }
}

module storageAccess 'modules/storageAccess.bicep' = {
  name: 'storage-access'
  params: {
    storageAccountName: names.storage
    identityName: names.identity
    principalId: identity.outputs.principalId
  }
  dependsOn: [
    storage
  ]
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'key-vault'
  params: {
    name: names.keyVault
    location: location
    tags: allTags
    skuName: keyVaultSku
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    signingKeys: signingKeys
    operatorApiKey: operatorApiKey
    auditSealKey: auditSealKey
    appIdentityName: names.identity
    appPrincipalId: identity.outputs.principalId
    allowRuntimeKeyCreation: allowRuntimeKeyCreation
    officersGroupObjectId: keyOfficersGroupObjectId
  }
}

// docs/CONFIGURATION.md, every key of its table; the same for both hosts.
var appSettings = {
  // Empty: the identity-based service URIs below are used (shared-key access is off on the account).
  Storage__ConnectionString: ''
  Storage__TableServiceUri: storage.outputs.tableEndpoint
  Storage__QueueServiceUri: storage.outputs.queueEndpoint
  Storage__BlobServiceUri: storage.outputs.blobEndpoint
  AZURE_CLIENT_ID: identity.outputs.clientId
  Signing__Mode: 'KeyVault'
  // Unused with Signing__Mode=KeyVault; the documented default, so nothing is written anywhere.
  Signing__LocalKeyPath: '.local/keys'
  KeyVault__Uri: keyVault.outputs.uri
  // Encryption at rest: tenant data keys wrapped by the vault's tenant-kek (the app's Crypto User role allows wrap/unwrap).
  Encryption__Kek: 'keyvault'
  Encryption__KeyVaultKeyId: keyVault.outputs.tenantKekId
  // Unused with Encryption__Kek=keyvault; the documented default of the key file mode.
  Encryption__KeyFile: ''
  Encryption__DataKeyCacheTime: '00:15:00'
  Banks__simbank_iso__BaseUrl: bankIsoBaseUrl
  Banks__simbank_cmb__BaseUrl: bankCmbBaseUrl
  RateLimit__PermitsPerSecond: string(rateLimitPermitsPerSecond)
  // Container Apps ingress and the Functions front end each append the caller's address to X-Forwarded-For.
  RateLimit__ForwardedHops: '1'
  // Relative to the app folder, where both the FunctionApp package and the Host image carry host.json.
  HostJson__Path: 'host.json'
  // Console sign-in with Entra ID (docs/DEPLOY.md "Console sign-in"). The host refuses any http authority in Production.
  Oidc__Authority: oidcAuthority
  Oidc__ClientId: oidcClientId
  Oidc__PublicBaseUrl: consolePublicBaseUrl
  Oidc__EmailClaim: oidcEmailClaim
  // No client secret anywhere: the app's managed identity proves the client (an Entra federated identity credential).
  Oidc__ClientCredential: 'ManagedIdentity'
  // Unused with ManagedIdentity; the documented default.
  Oidc__ClientSecret: ''
  Oidc__Scopes: 'openid profile email'
  Oidc__SessionIdleMinutes: '30'
  Oidc__SessionHours: '12'
  // An Entra directory owns its users' addresses and sends no email_verified claim.
  Oidc__RequireVerifiedEmail: 'false'
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
}

// Resolved from Key Vault by the platform (App Service Key Vault references / Container Apps secrets).
var keyVaultReferencedSettings = {
  Operator__ApiKey: keyVault.outputs.operatorApiKeySecretUri
  Audit__SealKey: keyVault.outputs.auditSealKeySecretUri
}

module registryAccess 'modules/registryAccess.bicep' = if (hosting == 'containerapps' && !empty(containerRegistryName)) {
  name: 'registry-access'
  params: {
    registryName: containerRegistryName
    identityName: names.identity
    principalId: identity.outputs.principalId
  }
}

module functionApp 'modules/functionApp.bicep' = if (hosting == 'functions') {
  name: 'function-app'
  params: {
    planName: names.plan
    siteName: names.functionApp
    location: location
    tags: allTags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appSettings: appSettings
    keyVaultReferencedSettings: keyVaultReferencedSettings
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
  }
  // The identity must hold its roles before the host first touches storage or resolves Key Vault references.
  dependsOn: [
    storageAccess
  ]
}

module containerApps 'modules/containerApps.bicep' = if (hosting == 'containerapps') {
  name: 'container-apps'
  params: {
    environmentName: names.containerEnvironment
    appName: names.containerApp
    jobNamePrefix: names.containerJobPrefix
    location: location
    tags: allTags
    identityId: identity.outputs.id
    logAnalyticsWorkspaceName: names.logAnalytics
    storageAccountName: storage.outputs.name
    image: containerImage
    registryServer: empty(containerRegistryName) ? '' : registryAccess!.outputs.loginServer
    targetPort: 8080
    appSettings: appSettings
    keyVaultReferencedSettings: keyVaultReferencedSettings
    backgroundWork: containerBackgroundWork
    queueConsumers: queueConsumers
    timers: timers
    minReplicas: containerMinReplicas
    maxReplicas: containerMaxReplicas
    messagesPerExecution: 16
    maxExecutionsPerQueue: 10
  }
  dependsOn: [
    storageAccess
  ]
}

@description('Base URL of the tenant API (append /v1/...).')
output apiBaseUrl string = hosting == 'functions' ? functionApp!.outputs.baseUrl : containerApps!.outputs.baseUrl

@description('Name of the Function App or Container App.')
output appName string = hosting == 'functions' ? functionApp!.outputs.name : containerApps!.outputs.name

@description('Object id of the managed identity the app runs as (for extra role assignments, e.g. AcrPull).')
output identityPrincipalId string = identity.outputs.principalId

output identityClientId string = identity.outputs.clientId
output keyVaultName string = keyVault.outputs.name
output keyVaultUri string = keyVault.outputs.uri
output storageAccountName string = storage.outputs.name
