// Parameters for main.bicep, read from the environment (azd sets AZURE_ENV_NAME and AZURE_LOCATION, and passes
// the values of `azd env set`). No secret is ever written here: the SMTP password comes from the environment.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'newswatch')
param newsWatchSchedule = readEnvironmentVariable('NEWSWATCH_SCHEDULE', '0 */5 * * * *')
param newsWatchDigestSchedule = readEnvironmentVariable('NEWSWATCH_DIGEST_SCHEDULE', '0 */5 * * * *')
param publicUrl = readEnvironmentVariable('NEWSWATCH_PUBLIC_URL', '')
param unsubscribeKey = readEnvironmentVariable('NEWSWATCH_UNSUBSCRIBE_KEY', '')
param webhookSecret = readEnvironmentVariable('NEWSWATCH_WEBHOOK_SECRET', '')
param smtpHost = readEnvironmentVariable('NEWSWATCH_SMTP_HOST', '')
param smtpPort = int(readEnvironmentVariable('NEWSWATCH_SMTP_PORT', '587'))
param smtpTls = readEnvironmentVariable('NEWSWATCH_SMTP_TLS', 'StartTls')
param smtpFrom = readEnvironmentVariable('NEWSWATCH_SMTP_FROM', '')
param smtpUser = readEnvironmentVariable('NEWSWATCH_SMTP_USER', '')
param smtpPassword = readEnvironmentVariable('NEWSWATCH_SMTP_PASSWORD', '')
