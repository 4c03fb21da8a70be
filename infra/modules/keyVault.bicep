// Key Vault for signing keys (KeyVaultSigner), SM2 key material (Sm2Signer) and the operator key.
// RBAC only (no access policies); soft delete with purge protection, so neither a mistake nor an attacker
// with delete rights can destroy a key a bank still trusts.

import { signingKey } from 'types.bicep'

param name string
param location string
param tags object

@description('premium stores keys in HSMs (RSA-HSM / EC-HSM); standard stores software-protected keys.')
@allowed([
  'standard'
  'premium'
])
param skuName string

@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Platform signing keys to create now. Keys per tenant bank connection are created at runtime.')
param signingKeys signingKey[]

@description('Operator key for /v1/admin/*. Empty: the secret is not written by this deployment (set it with az keyvault secret set, see docs/DEPLOY.md).')
@secure()
param operatorApiKey string

@description('HMAC key that seals audit rows; written when not empty.')
@secure()
param auditSealKey string

@description('Name of the app identity; keeps role assignment names known before deployment (what-if).')
param appIdentityName string

@description('Principal id of the app identity.')
param appPrincipalId string

@description('Also let the app identity create keys and secrets (POST /v1/bank-connections creates a signing key or SM2 key pair per connection, API.md). Needs a custom role, hence Owner or User Access Administrator for the deployer.')
param allowRuntimeKeyCreation bool

@description('Object id of an Entra group of people who rotate keys and the operator key (Key Vault Crypto Officer + Secrets Officer). Empty: none.')
param officersGroupObjectId string

var operatorApiKeySecretName = 'operator-api-key'
var auditSealKeySecretName = 'audit-seal-key'

// Built-in role definition ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var keyVaultCryptoUser = '12338af0-0e69-4776-bea7-57ae8d297424'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultCryptoOfficer = '14b46e9e-c2b7-41b4-b07b-48a6ebf60603'
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: skuName
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

// A keys PUT creates only the first version of a key; re-deploying never replaces a key a bank already
// trusts (rotation is a deliberate new version, see docs/DEPLOY.md).
resource keys 'Microsoft.KeyVault/vaults/keys@2024-11-01' = [
  for key in signingKeys: {
    parent: vault
    name: key.name
    tags: tags
    properties: {
      kty: skuName == 'premium' ? '${key.algorithm}-HSM' : key.algorithm
      keySize: key.?keySize
      curveName: key.?curveName
      keyOps: [
        'sign'
        'verify'
      ]
      attributes: {
        enabled: true
        exportable: false
      }
    }
  }
]

// The key-encryption key of encryption at rest (docs/ENCRYPTION.md): wraps each tenant's data key (wrapKey/unwrapKey,
// RSA-OAEP-256) and never leaves the vault. Rotation is a new version plus the re-wrap, never a redeployment.
resource tenantKek 'Microsoft.KeyVault/vaults/keys@2024-11-01' = {
  parent: vault
  name: 'tenant-kek'
  tags: tags
  properties: {
    kty: skuName == 'premium' ? 'RSA-HSM' : 'RSA'
    keySize: 3072
    keyOps: [
      'wrapKey'
      'unwrapKey'
    ]
    attributes: {
      enabled: true
      exportable: false
    }
  }
}

resource auditSealKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(auditSealKey)) {
  parent: vault
  name: auditSealKeySecretName
  properties: {
    value: auditSealKey
    contentType: 'text/plain'
    attributes: {
      enabled: true
    }
  }
}

resource operatorApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(operatorApiKey)) {
  parent: vault
  name: operatorApiKeySecretName
  properties: {
    value: operatorApiKey
    contentType: 'text/plain'
    attributes: {
      enabled: true
    }
  }
}

// Scope: the vault, not single keys or secrets. The app signs with keys and reads SM2 material that is
// created at runtime, one per tenant bank connection (POST /v1/bank-connections); their names do not exist
// at deployment time, so a key- or secret-scoped assignment cannot cover them.
resource appCryptoUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, appIdentityName, keyVaultCryptoUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultCryptoUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'BankFunctions app identity: sign with signing keys'
  }
}

resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, appIdentityName, keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'BankFunctions app identity: read SM2 key material and the operator key'
  }
}

// Crypto User and Secrets User cannot create anything. Creating a connection's key is the only write the
// app needs, so it gets exactly keys/create and secrets/setSecret - no delete, purge, import or update.
resource keyProvisionerRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = if (allowRuntimeKeyCreation) {
  name: guid(resourceGroup().id, vault.id, 'bankfunctions-key-provisioner')
  properties: {
    roleName: 'BankFunctions key provisioner (${vault.name})'
    description: 'Create Key Vault keys and set secrets, nothing else. Used by BankFunctions to create one signing key per tenant bank connection.'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: [
          'Microsoft.KeyVault/vaults/keys/create/action'
          'Microsoft.KeyVault/vaults/secrets/setSecret/action'
        ]
        notDataActions: []
      }
    ]
  }
}

resource appKeyProvisioner 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (allowRuntimeKeyCreation) {
  scope: vault
  name: guid(vault.id, appIdentityName, 'bankfunctions-key-provisioner')
  properties: {
    roleDefinitionId: keyProvisionerRole.id
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'BankFunctions app identity: create one key or SM2 secret per tenant bank connection'
  }
}

resource officerRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in (empty(officersGroupObjectId) ? [] : [keyVaultCryptoOfficer, keyVaultSecretsOfficer]): {
    scope: vault
    name: guid(vault.id, officersGroupObjectId, role)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: officersGroupObjectId
      principalType: 'Group'
      description: 'BankFunctions key officers: rotate signing keys and the operator key'
    }
  }
]

output name string = vault.name
output uri string = vault.properties.vaultUri
output tenantKekId string = '${vault.properties.vaultUri}keys/${tenantKek.name}'
@description('Versionless URI of the operator key secret: app settings reference it, so a new version is picked up without a redeploy.')
output operatorApiKeySecretUri string = '${vault.properties.vaultUri}secrets/${operatorApiKeySecretName}'
output auditSealKeySecretUri string = '${vault.properties.vaultUri}secrets/${auditSealKeySecretName}'
output signingKeyNames string[] = [for (key, i) in signingKeys: keys[i].name]
