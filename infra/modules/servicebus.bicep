// Service Bus: the bulk-request queue (same JSON as the Storage Queue) and the results topic for
// recognition.completed / preference.completed events, with duplicate detection (message id = result blob).
param name string
param location string
param principalId string

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: name
  location: location
  sku: {
    name: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource bulkQueue 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = {
  parent: namespace
  name: 'bulk-requests'
  properties: {
    maxDeliveryCount: 5
    deadLetteringOnMessageExpiration: true
  }
}

resource resultsTopic 'Microsoft.ServiceBus/namespaces/topics@2022-10-01-preview' = {
  parent: namespace
  name: 'results'
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT1H'
  }
}

// Azure Service Bus Data Receiver and Data Sender.
var roles = [
  '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
]

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in roles: {
  scope: namespace
  name: guid(namespace.id, principalId, role)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'
output bulkQueueName string = bulkQueue.name
output topicName string = resultsTopic.name
