// The user-assigned managed identity both hosts run as. One identity for the app and its jobs keeps role
// assignments in one place and lets them exist before the app starts (no first-start 403s).

param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
