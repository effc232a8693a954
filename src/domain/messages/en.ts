/** English message catalog: every user-facing string the app sends. */
const RESOURCE_TYPES: Record<string, string> = {
  'AWS::IAM::Role': 'IAM role',
  'AWS::IAM::User': 'IAM user',
  'AWS::S3::Bucket': 'S3 bucket',
  'AWS::S3Express::DirectoryBucket': 'S3 directory bucket',
  'AWS::KMS::Key': 'KMS key',
  'AWS::SQS::Queue': 'SQS queue',
  'AWS::SNS::Topic': 'SNS topic',
  'AWS::Lambda::Function': 'Lambda function',
  'AWS::Lambda::LayerVersion': 'Lambda layer',
  'AWS::SecretsManager::Secret': 'Secrets Manager secret',
  'AWS::EFS::FileSystem': 'EFS file system',
  'AWS::EC2::Snapshot': 'EBS snapshot',
  'AWS::ECR::Repository': 'ECR repository',
  'AWS::RDS::DBSnapshot': 'RDS snapshot',
  'AWS::RDS::DBClusterSnapshot': 'RDS cluster snapshot',
  'AWS::DynamoDB::Table': 'DynamoDB table',
  'AWS::DynamoDB::Stream': 'DynamoDB stream',
};

type P<T = Record<string, never>> = (p: T) => string;
type Who = { user: string };

export const en = {
  'resourceType.label': (p: { type: string }) => RESOURCE_TYPES[p.type] ?? p.type,
  'action.finding.isolate.label': () => 'Isolate role',
  'action.finding.isolate.name': () => 'Isolate',
  'action.finding.isolate.confirm.title': (p: { role: string }) => `Isolate ${p.role}?`,
  'action.finding.isolate.confirm.text': (p: { role: string; account: string; policy: string }) =>
    `Attach the inline policy \`${p.policy}\` that denies every action to role \`${p.role}\` in account ${p.account}. Everything running as this role stops working, including sessions already issued.`,
  'action.finding.isolate.confirm.yes': () => 'Isolate',
  'action.finding.archive.label': () => 'Archive',
  'action.finding.archive.name': () => 'Archive',
  'action.confirm.no': () => 'Cancel',

  'card.fallback': (p: { type: string; name: string; account: string }) =>
    `IAM Access Analyzer finding: ${p.type} ${p.name} in account ${p.account}`,
  'card.header.external': (p: { type: string; name: string }) => `External access to ${p.type} ${p.name}`,
  'card.header.unused': (p: { type: string; name: string }) => `Unused access: ${p.type} ${p.name}`,
  'card.header.error': (p: { type: string; name: string }) =>
    `Access Analyzer could not analyze ${p.type} ${p.name}`,
  'card.field.resource': () => 'Resource',
  'card.field.account': () => 'Account',
  'card.field.region': () => 'Region',
  'card.field.principal': () => 'Accessible by',
  'card.field.actions': () => 'Actions',
  'card.field.conditions': () => 'Conditions',
  'card.field.foundAt': () => 'Found',
  'card.field.findingId': () => 'Finding id',
  'card.field.analyzer': () => 'Analyzer',
  'card.field.findingType': () => 'Finding type',
  'card.field.error': () => 'Error',
  'card.field.status': () => 'Status',
  'card.principal.public': () => ':red_circle: *Public*: anyone can access',
  'card.none': () => 'none',
  'card.unknown': () => 'unknown',
  'card.status.open': () => ':large_yellow_circle: Open',
  'card.status.working': (p: Who & { action: string }) =>
    `:hourglass_flowing_sand: Working… ${p.action} requested by <@${p.user}>`,
  'card.status.isolatedInline': (p: { by: string; at: string; policy: string }) =>
    `:lock: Role isolated by ${p.by} ${p.at} (inline policy \`${p.policy}\`)`,
  'card.status.isolatedManaged': (p: { by: string; at: string }) =>
    `:lock: Role isolated by ${p.by} ${p.at} (managed policy \`AWSDenyAll\`)`,
  'card.status.archivedBy': (p: Who & { at: string }) => `:file_cabinet: Archived by <@${p.user}> ${p.at}`,
  'card.status.finding': (p: { status: string }) => `:white_circle: Finding is ${p.status}`,
  'card.status.deleted': () => ':wastebasket: Finding deleted by Access Analyzer',
  'card.note.noIsolate': (p: { reason: string }) => `Isolate is not offered: ${p.reason}`,

  'reply.isolatedInline': (p: Who & { role: string; policy: string }) =>
    `Role \`${p.role}\` isolated: inline policy \`${p.policy}\` denies every action. Requested by <@${p.user}>.`,
  'reply.isolatedManaged': (p: Who & { role: string }) =>
    `Role \`${p.role}\` isolated: its inline policies are at IAM's size limit, so the managed policy \`AWSDenyAll\` was attached instead and denies every action. Requested by <@${p.user}>.`,
  'reply.alreadyIsolated': (p: Who & { role: string; by: string; at: string }) =>
    `Role \`${p.role}\` was already isolated (by ${p.by} ${p.at}); nothing changed. Requested by <@${p.user}>.`,
  'reply.tagFailed': (p: { reason: string }) =>
    `:warning: The deny policy is in place, but recording who isolated the role in its tags failed: ${p.reason}`,
  'reply.archived': (p: Who & { id: string; analyzer: string }) =>
    `Finding \`${p.id}\` archived in analyzer \`${p.analyzer}\`. Requested by <@${p.user}>.`,
  'reply.refused': (p: Who & { action: string; name: string; reason: string }) =>
    `:no_entry: ${p.action} refused for \`${p.name}\`: ${p.reason} Requested by <@${p.user}>.`,
  'reply.failed': (p: Who & { action: string; name: string; reason: string }) =>
    `:x: ${p.action} failed for \`${p.name}\`: ${p.reason} Nothing else was changed. Requested by <@${p.user}>.`,
  'time.unknown': () => 'at an unknown time',
  'who.unknown': () => 'someone',

  'query.lookingUp': () => ':mag: Looking up findings…',
  'help.text': () =>
    [
      '*/access-findings*: IAM Access Analyzer findings, answered only to you.',
      '• `/access-findings` or `list [filters]`: open findings, newest first, 10 a page, with their buttons',
      '• `show <finding-id>`: one finding in full',
      '• `stats [filters]`: counts by resource type and by account, and the oldest finding',
      '• `help`: this text',
      'Filters: `type=role|user|bucket|key|queue|topic|function|secret|…` (or a full type such as `type=AWS::S3::Bucket`), `account=<12-digit id>`, `principal=<account id or ARN fragment>`, `resource=<name fragment>`, `status=active|archived|resolved` (default `active`).',
      'Example: `/access-findings list type=role principal=999988887777`',
    ].join('\n'),
  'help.unknownWord': (p: { word: string }) => `I did not understand \`${p.word}\`.`,
  'help.unknownFilter': (p: { word: string }) => `\`${p.word}\` is not a filter I know.`,
  'help.badValue': (p: { word: string }) => `\`${p.word}\` has a value I cannot use.`,
  'help.repeated': (p: { word: string }) => `\`${p.word}\` repeats a filter given before.`,
  'help.missingId': () => '`show` needs a finding id: `/access-findings show <finding-id>`.',
  'list.header': (p: { filters: string; page: number }) =>
    `*Findings* matching \`${p.filters}\`, page ${p.page}`,
  'list.empty': (p: { filters: string }) => `No findings match \`${p.filters}\`.`,
  'list.item': (p: {
    type: string;
    name: string;
    status: string;
    resource: string;
    principal: string;
    found: string;
  }) =>
    `*${p.type} ${p.name}*  \`${p.status}\`\n\`${p.resource}\`\nAccessible by ${p.principal} · found ${p.found}`,
  'list.unusedItem': (p: { type: string; name: string; status: string; resource: string; found: string }) =>
    `*${p.type} ${p.name}*  \`${p.status}\`\n\`${p.resource}\`\nUnused access · found ${p.found}`,
  'list.range': (p: { from: number; to: number }) => `Findings ${p.from}–${p.to}`,
  'list.nextPage': () => 'Next page',
  'list.tooLongToContinue': () => 'More findings match; narrow the filters to see them.',
  'show.notFound': (p: { id: string }) => `No analyzer here has a finding \`${p.id}\`.`,
  'stats.title': (p: { total: number; filters: string }) => `*${p.total} findings* match \`${p.filters}\``,
  'stats.byType': () => '*By resource type*',
  'stats.byAccount': () => '*By account*',
  'stats.line': (p: { label: string; count: number }) => `• ${p.label}: ${p.count}`,
  'stats.more': (p: { count: number }) => `• …and ${p.count} more`,
  'stats.oldest': (p: { type: string; name: string; found: string; id: string }) =>
    `Oldest: ${p.type} *${p.name}*, found ${p.found} (\`${p.id}\`)`,
  'error.noAnalyzer': () =>
    'There is no active external-access analyzer in this account and Region: create one, or set `ANALYZER_ARN`.',

  'amazonQ.finding.description': (p: {
    resource: string;
    account: string;
    region: string;
    principal: string;
    actions: string;
  }) =>
    `\`${p.resource}\` in account ${p.account} (${p.region}) is accessible by ${p.principal}. Actions: ${p.actions}.`,
  'amazonQ.public': () => 'anyone (public)',
  'amazonQ.nextStep.slack': (p: { channel: string }) =>
    `Isolate or archive it from its message in <#${p.channel}>.`,
  'amazonQ.nextStep.show': (p: { id: string }) => `See it in full: \`/access-findings show ${p.id}\``,
  'amazonQ.outcome.title': (p: { action: string; result: string; name: string }) =>
    `${p.action} ${p.result.replace('_', ' ')}: ${p.name}`,

  'thread.joined': (p: { region: string; id: string; analyzer: string }) =>
    `Also reported in ${p.region} by analyzer \`${p.analyzer}\` (finding \`${p.id}\`).`,
  'thread.archivedElsewhere': (p: { id: string }) =>
    `:file_cabinet: Finding \`${p.id}\` was archived in Access Analyzer, outside this app.`,
  'thread.resolved': (p: { id: string }) =>
    `:white_check_mark: Finding \`${p.id}\` is resolved: Access Analyzer no longer finds this access.`,
  'thread.deleted': (p: { id: string }) => `:wastebasket: Access Analyzer deleted finding \`${p.id}\`.`,
  'thread.reactivated': (p: { id: string }) => `:rotating_light: Finding \`${p.id}\` is active again.`,
  'thread.changed': (p: { id: string; status: string }) => `Finding \`${p.id}\` is now ${p.status}.`,
  'card.note.alsoIn': (p: { region: string; status: string; id: string }) =>
    `Also in ${p.region}: ${p.status} (finding \`${p.id}\`)`,
  'digest.fallback': (p: { total: number }) => `${p.total} new IAM Access Analyzer findings arrived at once`,
  'digest.header': (p: { total: number }) => `:package: ${p.total} new findings arrived at once`,
  'digest.explain': () =>
    'Too many findings for one message each: they are summarised here and every one is listed in the thread. Each can be acted on with `/access-findings show <finding-id>`.',
  'digest.byAccount': () => '*By account*',
  'digest.byType': () => '*By resource type*',
  'digest.newest': () => '*Newest*',
  'digest.list': () => 'List open findings',
  'digest.line': (p: {
    type: string;
    name: string;
    account: string;
    region: string;
    principal: string;
    id: string;
  }) => `• ${p.type} *${p.name}* (${p.account}, ${p.region}), accessible by ${p.principal}: \`${p.id}\``,
  'error.actionInProgress': (p: { by: string; at: string }) =>
    `it is already in progress (requested by <@${p.by}> ${p.at}).`,

  'error.unexpected': () => 'Something went wrong on our side; it has been logged.',
  'error.eventInvalid': () => 'The event is not an Access Analyzer finding this app understands.',
  'error.requestInvalid': () => 'This request is not one the app understands; nothing was done.',
  'error.tokenInvalid': () =>
    'This button is not valid (it was altered or signed with another key); nothing was done.',
  'error.tokenExpired': (p: { at: string }) =>
    `This button expired ${p.at}. Use \`/access-findings\` to get fresh buttons; nothing was done.`,
  'error.tokenMisplaced': () =>
    'This button belongs to another finding, action or channel; nothing was done.',
  'error.notAuthorized': (p: Who) =>
    `You are not allowed to act on findings. An admin can add your Slack user id \`${p.user}\` to \`ALLOWED_SLACK_USER_IDS\`, or you to a user group listed in \`ALLOWED_SLACK_USERGROUP_IDS\`.`,
  'error.authorizationNotConfigured': () =>
    'Nobody may act on findings yet: an admin must set `ALLOWED_SLACK_USER_IDS` (Slack user ids) and/or `ALLOWED_SLACK_USERGROUP_IDS` (user group ids) in the app settings.',
  'error.findingNotFound': (p: { id: string }) => `Finding \`${p.id}\` no longer exists in its analyzer.`,
  'error.findingNotActive': (p: { status: string }) => `The finding is ${p.status} now, not ACTIVE.`,
  'error.findingResourceMismatch': () =>
    'The finding now names a different resource than this button was made for.',
  'error.actionNotApplicable': () => 'This action does not apply to this finding.',
  'error.roleServiceLinked': () => 'it is a service-linked role, which AWS does not let anyone change.',
  'error.roleSso': () =>
    'it is an IAM Identity Center (`AWSReservedSSO_*`) role, managed by Identity Center.',
  'error.roleProtected': (p: { pattern: string }) =>
    `it matches the protected role pattern \`${p.pattern}\` (\`PROTECTED_ROLE_PATTERNS\`).`,
  'error.roleSelf': () => 'it is the role this app runs as; isolating it would lock the app out.',
  'error.roleOtherAccount': (p: { account: string; ours: string }) =>
    `the role is in account ${p.account}, and this app acts only in account ${p.ours}.`,
  'error.roleNotFound': (p: { role: string }) => `role \`${p.role}\` no longer exists.`,
  'error.roleReplaced': (p: { arn: string }) =>
    `a role with that name exists but it is a different role now (\`${p.arn}\`).`,
  'error.policyNameTaken': (p: { policy: string }) =>
    `the role already has an inline policy named \`${p.policy}\` that this app did not write; change \`ISOLATION_POLICY_NAME\` or remove that policy.`,
  'error.awsAccessDenied': (p: { operation: string }) =>
    `AWS denied \`${p.operation}\` to the app; its IAM permissions need to allow it.`,
  'error.awsThrottled': (p: { operation: string }) =>
    `AWS throttled \`${p.operation}\`; press the button again in a minute.`,
  'error.awsFailed': (p: { operation: string; detail: string }) =>
    `AWS refused \`${p.operation}\`: ${p.detail}`,
  'error.slackFailed': (p: { method: string; detail: string }) =>
    `Slack refused \`${p.method}\`: ${p.detail}`,
  'error.awsUnavailable': (p: { operation: string }) =>
    `AWS did not answer \`${p.operation}\` in time; press the button again in a minute.`,
} satisfies Record<string, P<never>>;

/** The shape every catalog must have: the same keys and parameters as English. */
export type Catalog = typeof en;
