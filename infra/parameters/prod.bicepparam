// Production: geo- and zone-redundant storage (RA-GZRS) with blob point-in-time restore, HSM-backed keys (premium vault), warm HTTP instances. Deploy: docs/DEPLOY.md.
using '../main.bicep'

param environment = 'prod'
// functions (Flex Consumption) or containerapps (the Host image, BANKFN_CONTAINER_IMAGE).
param hosting = readEnvironmentVariable('BANKFN_HOSTING', 'functions')
param containerImage = readEnvironmentVariable('BANKFN_CONTAINER_IMAGE', '')
param containerRegistryName = readEnvironmentVariable('BANKFN_CONTAINER_REGISTRY', '')

param instanceMemoryMB = 2048
param maximumInstanceCount = 100
param alwaysReadyHttpInstances = 2

// Zone-redundant in the primary region, copied to the paired region, readable there during an outage (RA-GZRS).
param storageSkuName = 'Standard_RAGZRS'
param blobDeleteRetentionDays = 30
// Blobs restorable to any point of the last 14 days (versioning + change feed); tables: the CLI backup (docs/DEPLOY.md).
param blobPointInTimeRestoreDays = 14
param keyVaultSku = 'premium'
param keyVaultSoftDeleteRetentionInDays = 90
param logRetentionInDays = 90

// RSA-HSM on the premium vault: the private key never leaves the HSM.
param signingKeys = [
  {
    name: 'platform-signing-rsa'
    algorithm: 'RSA'
    keySize: 3072
  }
]

// Key officers (Entra group object id) who rotate keys and the operator key.
param keyOfficersGroupObjectId = readEnvironmentVariable('BANKFN_KEY_OFFICERS_GROUP_ID', '')

// Written to Key Vault only when set; otherwise set the secret yourself (docs/DEPLOY.md).
param operatorApiKey = readEnvironmentVariable('BANKFN_OPERATOR_API_KEY', '')
param auditSealKey = readEnvironmentVariable('BANKFN_AUDIT_SEAL_KEY', '')

// The banks' production endpoints: required, no defaults, so a deployment cannot point at a test bank by accident.
param bankIsoBaseUrl = readEnvironmentVariable('BANKFN_BANK_ISO_BASE_URL')
param bankCmbBaseUrl = readEnvironmentVariable('BANKFN_BANK_CMB_BASE_URL')
param rateLimitPermitsPerSecond = 50

param tags = {
  costCenter: 'payments'
}
