import type { FindingFilters, FindingQuery } from './finding-query.js';

/** Short names for resource types in `type=`; a full `AWS::…` type is accepted as well. */
export const TYPE_ALIASES: Readonly<Record<string, string>> = {
  role: 'AWS::IAM::Role',
  user: 'AWS::IAM::User',
  bucket: 'AWS::S3::Bucket',
  'directory-bucket': 'AWS::S3Express::DirectoryBucket',
  key: 'AWS::KMS::Key',
  queue: 'AWS::SQS::Queue',
  topic: 'AWS::SNS::Topic',
  function: 'AWS::Lambda::Function',
  layer: 'AWS::Lambda::LayerVersion',
  secret: 'AWS::SecretsManager::Secret',
  filesystem: 'AWS::EFS::FileSystem',
  snapshot: 'AWS::EC2::Snapshot',
  repository: 'AWS::ECR::Repository',
  'db-snapshot': 'AWS::RDS::DBSnapshot',
  'db-cluster-snapshot': 'AWS::RDS::DBClusterSnapshot',
  table: 'AWS::DynamoDB::Table',
  stream: 'AWS::DynamoDB::Stream',
};

const STATUSES: Readonly<Record<string, FindingFilters['status']>> = {
  active: 'ACTIVE',
  archived: 'ARCHIVED',
  resolved: 'RESOLVED',
};

/** What was typed, understood: a query, help, or the word that could not be understood and why. */
export type ParsedCommand =
  | { kind: 'query'; query: FindingQuery }
  | { kind: 'help' }
  | {
      kind: 'invalid';
      word: string;
      problem: 'unknown_word' | 'unknown_filter' | 'bad_value' | 'repeated' | 'missing_id';
    };

const MAX_VALUE = 200;

/** Reads the text typed after `/access-findings`; unknown words and filters are named, never guessed. */
export function parseCommand(text: string): ParsedCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [first, ...rest] = words;
  const sub = first?.toLowerCase();
  if (sub === undefined) return { kind: 'query', query: { kind: 'list', filters: { status: 'ACTIVE' } } };
  if (sub === 'help') return { kind: 'help' };
  if (sub === 'show') {
    const [id, extra] = rest;
    if (!id) return { kind: 'invalid', word: 'show', problem: 'missing_id' };
    if (extra !== undefined) return { kind: 'invalid', word: extra, problem: 'unknown_word' };
    if (!/^[\w-]{1,128}$/.test(id)) return { kind: 'invalid', word: id, problem: 'bad_value' };
    return { kind: 'query', query: { kind: 'show', findingId: id } };
  }
  const isSub = sub === 'list' || sub === 'stats';
  const filters = parseFilters(isSub ? rest : words);
  if ('problem' in filters) return { kind: 'invalid', ...filters };
  return { kind: 'query', query: { kind: sub === 'stats' ? 'stats' : 'list', filters } };
}

function parseFilters(
  words: string[],
): FindingFilters | { word: string; problem: 'unknown_word' | 'unknown_filter' | 'bad_value' | 'repeated' } {
  const filters: FindingFilters = { status: 'ACTIVE' };
  const seen = new Set<string>();
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq <= 0) return { word, problem: 'unknown_word' };
    const key = word.slice(0, eq).toLowerCase();
    const value = word.slice(eq + 1);
    if (seen.has(key)) return { word, problem: 'repeated' };
    seen.add(key);
    if (value === '' || value.length > MAX_VALUE) return { word, problem: 'bad_value' };
    switch (key) {
      case 'type': {
        const type = TYPE_ALIASES[value.toLowerCase()] ?? (/^AWS::\w+::\w+$/.test(value) ? value : undefined);
        if (!type) return { word, problem: 'bad_value' };
        filters.resourceType = type;
        break;
      }
      case 'account':
        if (!/^\d{12}$/.test(value)) return { word, problem: 'bad_value' };
        filters.account = value;
        break;
      case 'principal':
        filters.principal = value;
        break;
      case 'resource':
        filters.resource = value;
        break;
      case 'status': {
        const status = STATUSES[value.toLowerCase()];
        if (!status) return { word, problem: 'bad_value' };
        filters.status = status;
        break;
      }
      default:
        return { word, problem: 'unknown_filter' };
    }
  }
  return filters;
}

/** The filters written back the way a person types them (for headers and the help). */
export function describeFilters(filters: FindingFilters): string {
  const alias = Object.entries(TYPE_ALIASES).find(([, type]) => type === filters.resourceType)?.[0];
  return [
    `status=${filters.status.toLowerCase()}`,
    filters.resourceType ? `type=${alias ?? filters.resourceType}` : '',
    filters.account ? `account=${filters.account}` : '',
    filters.principal ? `principal=${filters.principal}` : '',
    filters.resource ? `resource=${filters.resource}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
