/** An ARN split into its six fields; `resource` keeps every remaining colon. */
export interface Arn {
  arn: string;
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

const PARTITIONS = new Set([
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
]);

/** Parses any ARN; returns undefined when the text is not one. */
export function parseArn(text: string): Arn | undefined {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  const resource = parts.slice(5).join(':');
  if (!PARTITIONS.has(partition) || service === '' || resource === '') return undefined;
  return { arn: text, partition, service, region, account, resource };
}

/** An IAM role named by its ARN. */
export interface RoleRef {
  arn: string;
  partition: string;
  account: string;
  /** `/` or `/a/b/`, as IAM reports it. */
  path: string;
  /** The last path segment: the only name IAM's APIs accept. */
  name: string;
  serviceLinked: boolean;
}

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** Parses `arn:<partition>:iam::<account>:role/<path>/<name>`; undefined for anything else. */
export function parseRoleArn(text: string): RoleRef | undefined {
  const arn = parseArn(text);
  if (arn?.service !== 'iam' || !/^\d{12}$/.test(arn.account) || !arn.resource.startsWith('role/')) {
    return undefined;
  }
  const segments = arn.resource.slice('role/'.length).split('/');
  const name = segments.pop() ?? '';
  if (!ROLE_NAME.test(name) || segments.some((s) => s === '')) return undefined;
  const path = segments.length === 0 ? '/' : `/${segments.join('/')}/`;
  return {
    arn: text,
    partition: arn.partition,
    account: arn.account,
    path,
    name,
    serviceLinked: path.startsWith('/aws-service-role/'),
  };
}

/** An Access Analyzer analyzer named by its ARN. */
export interface AnalyzerRef {
  arn: string;
  partition: string;
  region: string;
  /** Empty in some real events; callers fall back to the event envelope. */
  account: string;
  name: string;
}

/** Parses `arn:<partition>:access-analyzer:<region>:<account>:analyzer/<name>`. */
export function parseAnalyzerArn(text: string): AnalyzerRef | undefined {
  const arn = parseArn(text);
  if (arn?.service !== 'access-analyzer' || !arn.resource.startsWith('analyzer/')) return undefined;
  const name = arn.resource.slice('analyzer/'.length);
  if (name === '' || name.includes('/') || arn.region === '') return undefined;
  return { arn: text, partition: arn.partition, region: arn.region, account: arn.account, name };
}
