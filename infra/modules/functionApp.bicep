// Azure Functions on the Flex Consumption plan, running BankFunctions.FunctionApp (.NET isolated worker).
// Host storage, deployment storage and Key Vault references all authenticate as the user-assigned identity:
// no storage keys, no publishing passwords.

param planName string
param siteName string
param location string
param tags object

param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerUrl string

@description('Configuration of the app (docs/CONFIGURATION.md), name to value.')
param appSettings object

@description('Settings whose value lives in Key Vault, name to versionless secret URI.')
param keyVaultReferencedSettings object

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Instances of the HTTP group kept warm (no cold start for API calls). 0: scale to zero.')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int

// What the Functions host itself needs: its storage through the identity (shared-key access is off).
var functionsHostSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
}

var keyVaultReferences = toObject(
  items(keyVaultReferencedSettings),
  setting => setting.key,
  setting => '@Microsoft.KeyVault(SecretUri=${setting.value})'
)

var allSettings = union(functionsHostSettings, appSettings, keyVaultReferences)

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: siteName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        for setting in items(allSettings): {
          name: setting.key
          value: setting.value
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReadyHttpInstances == 0
          ? []
          : [
              {
                name: 'http'
                instanceCount: alwaysReadyHttpInstances
              }
            ]
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Deployments authenticate with Entra ID (az functionapp deployment / func publish); no basic-auth
// publishing credentials exist that could leak.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = site.name
output baseUrl string = 'https://${site.properties.defaultHostName}'
