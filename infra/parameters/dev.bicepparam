// Development: cheapest SKUs, software keys, scale to zero. Deploy: docs/DEPLOY.md.
using '../main.bicep'

param environment = 'dev'
// functions (Flex Consumption) or containerapps (the Host image, BANKFN_CONTAINER_IMAGE).
param hosting = readEnvironmentVariable('BANKFN_HOSTING', 'functions')
param containerImage = readEnvironmentVariable('BANKFN_CONTAINER_IMAGE', '')
param containerRegistryName = readEnvironmentVariable('BANKFN_CONTAINER_REGISTRY', '')

param instanceMemoryMB = 2048
param maximumInstanceCount = 40
param alwaysReadyHttpInstances = 0

param storageSkuName = 'Standard_LRS'
param blobDeleteRetentionDays = 7
// A day of write-once audit checkpoints: a dev account can be torn down a day after its last checkpoint.
param auditCheckpointRetentionDays = 1
param keyVaultSku = 'standard'
param keyVaultSoftDeleteRetentionInDays = 7
param logRetentionInDays = 30

// Software-protected on a standard vault; the same names as prod so code and runbooks do not differ.
param signingKeys = [
  {
    name: 'platform-signing-rsa'
    algorithm: 'RSA'
    keySize: 3072
  }
]

// Written to Key Vault only when set; otherwise set the secret yourself (docs/DEPLOY.md).
param operatorApiKey = readEnvironmentVariable('BANKFN_OPERATOR_API_KEY', '')
param auditSealKey = readEnvironmentVariable('BANKFN_AUDIT_SEAL_KEY', '')

// The banks' test endpoints (or a BankSim you run); override with the environment variables.
param bankIsoBaseUrl = readEnvironmentVariable('BANKFN_BANK_ISO_BASE_URL', 'https://simbank-iso.dev.bankfunctions.example')
param bankCmbBaseUrl = readEnvironmentVariable('BANKFN_BANK_CMB_BASE_URL', 'https://simbank-cmb.dev.bankfunctions.example')
param rateLimitPermitsPerSecond = 50
