// Data-plane roles of the app identity on the storage account.
//
// Scope: the account. The three roles are already per service (a Table role grants nothing on queues or
// blobs), and a narrower scope would break things: the code creates its tables at runtime (their names are
// not known here) and the Functions host creates its own containers (azure-webjobs-hosts,
// azure-webjobs-secrets) through AzureWebJobsStorage.

param storageAccountName string

@description('Name of the identity; keeps role assignment names known before deployment (what-if).')
param identityName string

param principalId string

// Built-in role definition ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var roles = {
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
}

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(roles): {
    scope: account
    name: guid(account.id, identityName, role.value)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: principalId
      principalType: 'ServicePrincipal'
      description: 'BankFunctions app identity: ${role.key}'
    }
  }
]
