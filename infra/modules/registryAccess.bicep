// Lets the app identity pull the Host image from an Azure Container Registry in this resource group (AcrPull),
// before the Container App or a job first pulls it.

param registryName string

@description('Name of the identity; keeps the role assignment name known before deployment (what-if).')
param identityName string

param principalId string

// Built-in role AcrPull (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var acrPull = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' existing = {
  name: registryName
}

resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, identityName, acrPull)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPull)
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'BankFunctions app identity: pull the Host image'
  }
}

output loginServer string = registry.properties.loginServer
