// Shared types and pure functions, imported by main.bicep and the modules (compile-time only, no resources).

@export()
@description('A platform signing key created at deployment time. On a premium vault it becomes an HSM key (RSA-HSM / EC-HSM).')
@discriminator('algorithm')
type signingKey = rsaSigningKey | ecSigningKey

@export()
type rsaSigningKey = {
  @description('Key name in the vault.')
  name: string
  @description('RS256 / PS256 signing (ARCHITECTURE.md section 4).')
  algorithm: 'RSA'
  keySize: 2048 | 3072 | 4096
}

@export()
type ecSigningKey = {
  @description('Key name in the vault.')
  name: string
  @description('ES256 / ES384 / ES512 signing (ARCHITECTURE.md section 4).')
  algorithm: 'EC'
  curveName: 'P-256' | 'P-384' | 'P-521'
}

@export()
@description('A timer of the FunctionCatalog: its resource name, catalog function name and six-field NCRONTAB schedule (UTC).')
type timerSchedule = {
  @description('Lower-case name for resources (the job name ends with it).')
  name: string
  @description('The FunctionCatalog entry the job runs: the Host is started with --run-timer <functionName>.')
  functionName: string
  ncrontab: string
}

@export()
@description('A queue with a consumer in the FunctionCatalog, drained by one Container Apps job (--drain-queue <queue>).')
type queueConsumer = {
  queue: string
  @description('Suffix of the job name; "<app>-<env>-<jobName>" must fit in the 32 characters Container Apps allows.')
  jobName: string
}

@export()
@description('Azure Functions NCRONTAB "sec min hour day month dow" to the five-field cron Container Apps jobs use. The timers fire on second 0, which is what five-field cron means, so the seconds field is dropped.')
func toFiveFieldCron(ncrontab string) string => join(skip(split(ncrontab, ' '), 1), ' ')
