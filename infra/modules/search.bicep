// Azure AI Search with keys disabled: the app creates its two indexes at start-up through its identity.
param name string
param location string
param sku string
param principalId string

resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: name
  location: location
  sku: {
    name: sku
  }
  properties: {
    disableLocalAuth: true
    replicaCount: 1
    partitionCount: 1
  }
}

// Search Index Data Contributor (documents), Search Service Contributor (index schemas).
var roles = [
  '8ebe5a00-799e-43f5-93ac-243d3dce84a7'
  '7ca78c08-252a-4471-8644-bb5ff32d4ba0'
]

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in roles: {
  scope: search
  name: guid(search.id, principalId, role)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

output endpoint string = 'https://${search.name}.search.windows.net'
