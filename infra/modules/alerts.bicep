// Alert rules of issue #16 ("Telemetry and alerts") and the action group they notify. Every rule is a log alert on
// the Application Insights component: the app exports its OpenTelemetry metrics there (customMetrics; names and
// attributes in functions/BankFunctions.Features/Telemetry/Telemetry.cs and OverviewGauges.cs) and its HTTP server
// spans (requests). One runbook per rule: docs/runbooks/<rule>.md (linked from each rule's description).

param appInsightsId string
param actionGroupName string
param namePrefix string
param location string
param tags object

@description('E-mail addresses the action group notifies.')
param emailAddresses string[]

@description('Webhook URLs the action group posts the common alert schema to.')
param webhookUrls string[]


resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'Global'
  tags: tags
  properties: {
    groupShortName: take(namePrefix, 12)
    enabled: true
    emailReceivers: [
      for (address, i) in emailAddresses: {
        name: 'email-${i}'
        emailAddress: address
        useCommonAlertSchema: true
      }
    ]
    webhookReceivers: [
      for (url, i) in webhookUrls: {
        name: 'webhook-${i}'
        serviceUri: url
        useCommonAlertSchema: true
      }
    ]
  }
}

// Each rule: a query whose every row is a breach; the rule fires when it returns at least one row. The thresholds are
// the issue's (95 % over 10 min, 5 min, 2 s) written into the queries as literals, so the tests read them as deployed.
var rules = [
  {
    name: 'bank-success-rate'
    severity: 1
    window: 'PT10M'
    frequency: 'PT5M'
    description: 'A bank\'s call success rate (Success or Duplicate among all calls but NotSupported) is below 0.95 over 10 minutes. Runbook: docs/runbooks/bank-success-rate.md'
    query: 'customMetrics | where name == "bankfn.bank.calls" | extend bank = tostring(customDimensions["bankfn.bank"]), outcome = tostring(customDimensions["bankfn.outcome"]) | where outcome != "NotSupported" | summarize calls = sum(valueSum), ok = sumif(valueSum, outcome in ("Success", "Duplicate")) by bank | where calls > 0 and ok / calls < 0.95'
  }
  {
    name: 'poison-messages'
    severity: 1
    window: 'PT15M'
    frequency: 'PT5M'
    description: 'A poison queue is not empty: messages failed every attempt and wait for a person. Runbook: docs/runbooks/poison-messages.md'
    query: 'customMetrics | where name == "bankfn.queue.length" | extend queue = tostring(customDimensions["messaging.destination.name"]) | where queue endswith "-poison" | summarize length = max(value) by queue | where length > 0'
  }
  {
    name: 'needs-attention'
    severity: 2
    window: 'PT15M'
    frequency: 'PT5M'
    description: 'At least one payment is in needs_attention. Runbook: docs/runbooks/needs-attention.md'
    query: 'customMetrics | where name == "bankfn.payments.needs_attention" | where isempty(tostring(customDimensions["bankfn.bank"])) | summarize payments = max(value) | where payments > 0'
  }
  {
    name: 'oldest-queue-message'
    severity: 2
    window: 'PT15M'
    frequency: 'PT5M'
    description: 'A queue\'s oldest message has waited more than 300 s. Runbook: docs/runbooks/oldest-queue-message.md'
    query: 'customMetrics | where name == "bankfn.queue.oldest_message_age" | extend queue = tostring(customDimensions["messaging.destination.name"]) | where not(queue endswith "-poison") | summarize age = max(value) by queue | where age > 300'
  }
  {
    name: 'stale-statement'
    severity: 2
    window: 'PT15M'
    frequency: 'PT5M'
    description: 'An account\'s last successful statement pull is older than twice its pull schedule. Runbook: docs/runbooks/stale-statement.md'
    query: 'customMetrics | where name == "bankfn.statements.stale" | summarize accounts = max(value) | where accounts > 0'
  }
  {
    name: 'submit-latency'
    severity: 3
    window: 'PT15M'
    frequency: 'PT5M'
    description: 'The p99 duration of POST /v1/payments is above 2000 ms. Runbook: docs/runbooks/submit-latency.md'
    query: 'requests | where name in ("POST /v1/payments", "SubmitPayment") | summarize p99 = percentile(duration, 99), count() | where p99 > 2000'
  }
]

resource alertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in rules: {
    name: '${namePrefix}-${rule.name}'
    location: location
    tags: tags
    properties: {
      displayName: '${namePrefix} ${rule.name}'
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [appInsightsId]
      evaluationFrequency: rule.frequency
      windowSize: rule.window
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: [actionGroup.id]
      }
    }
  }
]

output actionGroupId string = actionGroup.id
