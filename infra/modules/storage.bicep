// The storage account that holds all state (Tables), work between stages (Queues) and files (Blobs).
// Shared-key access is off: every client authenticates with Entra ID (the managed identity), so there is no
// account key or connection string to leak or rotate.

param name string
param location string
param tags object

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GZRS'
  'Standard_RAGZRS'
])
param skuName string

@description('Every queue the code uses, each followed by its "-poison" twin (QueueNames.cs). Listed literally so the compiled template can be checked against the code.')
param queueNames string[]

@description('Every table the code uses (TableNames.cs): created here so the app\'s identity needs no table-create right.')
param tableNames string[]

@description('Every blob container the code uses (BlobContainers.cs).')
param blobContainerNames string[]

@description('Container the Flex Consumption plan deploys the app package from.')
param deploymentContainerName string

@description('Days deleted blobs and containers stay recoverable (bank files are kept for non-repudiation).')
@minValue(1)
@maxValue(365)
param deleteRetentionDays int

@description('Days blobs can be restored to an earlier point in time; 0 = off. Needs versioning and the change feed (turned on with it) and blob soft delete longer than it.')
@minValue(0)
@maxValue(364)
param pointInTimeRestoreDays int

@description('Days each blob of the audit-checkpoints container stays write-once (time-based retention policy).')
@minValue(1)
@maxValue(146000)
param auditCheckpointRetentionDays int

var pointInTimeRestore = pointInTimeRestoreDays > 0

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
    }
    // Point-in-time restore replays the change feed over blob versions; soft delete must outlast the restore window.
    isVersioningEnabled: pointInTimeRestore
    changeFeed: pointInTimeRestore
      ? {
          enabled: true
          retentionInDays: deleteRetentionDays
        }
      : {
          enabled: false
        }
    restorePolicy: pointInTimeRestore
      ? {
          enabled: true
          days: max(pointInTimeRestoreDays, 1) // = pointInTimeRestoreDays here; max() tells the type checker it is at least 1
        }
      : {
          enabled: false
        }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = [
  for containerName in concat(blobContainerNames, [deploymentContainerName]): {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

// Audit checkpoints (BlobContainers.AuditCheckpoints) are the anchor of the audit hash chain: a container-level
// time-based retention policy makes every checkpoint blob write-once (create allowed; overwrite and delete refused until
// the period ends), so whoever can write storage cannot quietly replace the checkpoints that expose a deleted audit row.
// Created unlocked (deletable while testing a deployment); lock it with `az storage container immutability-policy lock`.
resource auditCheckpointsRetention 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2025-01-01' = {
  parent: containers[indexOf(blobContainerNames, 'audit-checkpoints')]
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: auditCheckpointRetentionDays
    allowProtectedAppendWrites: false
  }
}

output name string = account.name
output id string = account.id
output tableEndpoint string = account.properties.primaryEndpoints.table
output queueEndpoint string = account.properties.primaryEndpoints.queue
output blobEndpoint string = account.properties.primaryEndpoints.blob
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainerName}'
