// The container target: BankFunctions.Host (ASP.NET Core + queue processors + timers) on Azure Container Apps.
//
// backgroundWork = 'in-app': one app does everything, exactly as ./run.sh does locally (queue processors and
//   timers inside the Host; the timers' blob leases keep each timer on one replica). Min one replica.
// backgroundWork = 'jobs': the app serves HTTP only (started with --http-only) and the work runs as
//   Container Apps jobs that scale from zero: one event-driven job per queue with a consumer (KEDA azure-queue
//   scaler, authenticated as the managed identity) started with --drain-queue <queue>, which processes until the
//   queue is empty and exits, and one scheduled job per timer started with --run-timer <catalog function name>,
//   which runs the occurrence its cron fired for and exits. Both jobs and the app get the same settings.

import { queueConsumer, timerSchedule, toFiveFieldCron } from 'types.bicep'

param environmentName string
param appName string
param jobNamePrefix string
param location string
param tags object

param identityId string
param logAnalyticsWorkspaceName string
param storageAccountName string

@description('Host image, e.g. myregistry.azurecr.io/bankfunctions-host:1.0.0.')
@minLength(1)
param image string

@description('Registry server the identity pulls from (needs AcrPull). Empty: a public image.')
param registryServer string

@description('Port the Host listens on in the container (ASP.NET Core images default to 8080).')
param targetPort int

@description('Configuration of the app (docs/CONFIGURATION.md), name to value.')
param appSettings object

@description('Settings whose value lives in Key Vault, name to versionless secret URI.')
param keyVaultReferencedSettings object

@allowed([
  'in-app'
  'jobs'
])
param backgroundWork string

@description('Queues with a consumer in the FunctionCatalog (QueueNames.All and the consumed -poison twins), one job each.')
param queueConsumers queueConsumer[]

param timers timerSchedule[]

@minValue(0)
@maxValue(30)
param minReplicas int

@minValue(1)
@maxValue(300)
param maxReplicas int

@description('Messages per job execution before KEDA starts another one (the Host processes in batches of 16).')
@minValue(1)
param messagesPerExecution int

@description('Most job executions per queue at once.')
@minValue(1)
@maxValue(100)
param maxExecutionsPerQueue int

var runsJobs = backgroundWork == 'jobs'

// Timers run inside the app when there are no jobs, and a timer needs a running replica.
var effectiveMinReplicas = runsJobs ? minReplicas : max(minReplicas, 1)

// Container Apps secret names allow lower-case letters, digits and '-'.
var secrets = [
  for setting in items(keyVaultReferencedSettings): {
    name: toLower(replace(setting.key, '_', '-'))
    keyVaultUrl: setting.value
    identity: identityId
  }
]

var environmentVariables = concat(
  map(items(appSettings), setting => { name: setting.key, value: setting.value }),
  map(items(keyVaultReferencedSettings), setting => { name: setting.key, secretRef: toLower(replace(setting.key, '_', '-')) })
)

var registries = empty(registryServer)
  ? []
  : [
      {
        server: registryServer
        identity: identityId
      }
    ]

var jobResources = {
  cpu: json('0.5')
  memory: '1Gi'
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' existing = {
  name: logAnalyticsWorkspaceName
}

resource environment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: appName
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: targetPort
        transport: 'auto'
        allowInsecure: false
      }
      secrets: secrets
      registries: registries
    }
    template: {
      containers: [
        {
          name: 'host'
          image: image
          args: runsJobs ? ['--http-only'] : []
          env: environmentVariables
          resources: {
            cpu: json('1.0')
            memory: '2Gi'
          }
        }
      ]
      scale: {
        minReplicas: effectiveMinReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http'
            http: {
              metadata: {
                concurrentRequests: '50'
              }
            }
          }
        ]
      }
    }
  }
}

resource queueJobs 'Microsoft.App/jobs@2025-01-01' = [
  for consumer in (runsJobs ? queueConsumers : []): {
    name: '${jobNamePrefix}-${consumer.jobName}'
    location: location
    tags: tags
    identity: {
      type: 'UserAssigned'
      userAssignedIdentities: {
        '${identityId}': {}
      }
    }
    properties: {
      environmentId: environment.id
      workloadProfileName: 'Consumption'
      configuration: {
        triggerType: 'Event'
        replicaTimeout: 1800
        replicaRetryLimit: 1
        secrets: secrets
        registries: registries
        eventTriggerConfig: {
          parallelism: 1
          replicaCompletionCount: 1
          scale: {
            minExecutions: 0
            maxExecutions: maxExecutionsPerQueue
            pollingInterval: 10
            rules: [
              {
                name: 'queue-length'
                type: 'azure-queue'
                metadata: {
                  accountName: storageAccountName
                  queueName: consumer.queue
                  queueLength: string(messagesPerExecution)
                }
                identity: identityId
              }
            ]
          }
        }
      }
      template: {
        containers: [
          {
            name: 'worker'
            image: image
            args: [
              '--drain-queue'
              consumer.queue
            ]
            env: environmentVariables
            resources: jobResources
          }
        ]
      }
    }
  }
]

resource timerJobs 'Microsoft.App/jobs@2025-01-01' = [
  for timer in (runsJobs ? timers : []): {
    name: '${jobNamePrefix}-${timer.name}'
    location: location
    tags: tags
    identity: {
      type: 'UserAssigned'
      userAssignedIdentities: {
        '${identityId}': {}
      }
    }
    properties: {
      environmentId: environment.id
      workloadProfileName: 'Consumption'
      configuration: {
        triggerType: 'Schedule'
        replicaTimeout: 600
        replicaRetryLimit: 0
        secrets: secrets
        registries: registries
        scheduleTriggerConfig: {
          cronExpression: toFiveFieldCron(timer.ncrontab)
          parallelism: 1
          replicaCompletionCount: 1
        }
      }
      template: {
        containers: [
          {
            name: 'timer'
            image: image
            args: [
              '--run-timer'
              timer.functionName
            ]
            env: environmentVariables
            resources: jobResources
          }
        ]
      }
    }
  }
]

output name string = app.name
output baseUrl string = 'https://${app.properties.configuration.ingress.fqdn}'
