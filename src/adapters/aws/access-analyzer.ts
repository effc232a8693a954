import {
  AccessAnalyzerClient,
  type AccessAnalyzerClientConfig,
  type Criterion,
  GetFindingV2Command,
  type GetFindingV2Response,
  ListAnalyzersCommand,
  ListFindingsV2Command,
  type ListFindingsV2Request,
  type ListFindingsV2Response,
  UpdateFindingsCommand,
} from '@aws-sdk/client-accessanalyzer';
import type { FindingSummary } from '../../domain/answer.js';
import { parseAnalyzerArn } from '../../domain/arn.js';
import { AppError } from '../../domain/errors.js';
import type { Finding } from '../../domain/finding.js';
import type { FindingFilters } from '../../domain/finding-query.js';
import { msg } from '../../domain/messages/index.js';
import type { Findings } from '../../ports.js';
import { awsError, isAwsError } from './errors.js';

/**
 * The Findings port over Access Analyzer. Every call goes to the analyzer's own Region (the API is
 * regional). `GetFindingV2` serves external and unused analyzers alike (`GetFinding` only the former).
 */
export class AwsAccessAnalyzer implements Findings {
  private readonly clients = new Map<string, AccessAnalyzerClient>();

  /** Whether the analyzer accepted our sort; if not, lists come in its own order. */
  private sortAccepted = true;

  /** `region` is where `analyzers()` looks: the function's own Region. */
  constructor(
    private readonly config: AccessAnalyzerClientConfig = {},
    private readonly region?: string,
  ) {}

  async list(
    analyzerArn: string,
    filters: FindingFilters,
    page: { token?: string; limit: number },
  ): Promise<{ findings: FindingSummary[]; nextToken?: string }> {
    const input: ListFindingsV2Request = {
      analyzerArn,
      filter: toCriteria(filters),
      maxResults: page.limit,
      ...(page.token ? { nextToken: page.token } : {}),
      ...(this.sortAccepted ? { sort: { attributeName: 'createdAt', orderBy: 'DESC' } } : {}),
    };
    const client = this.client(regionOf(analyzerArn));
    try {
      let answer: ListFindingsV2Response;
      try {
        answer = await client.send(new ListFindingsV2Command(input));
      } catch (error) {
        // The API documents no list of sortable attributes; if ours is refused, list unsorted.
        if (!input.sort || !isAwsError(error, 'ValidationException')) throw error;
        this.sortAccepted = false;
        const { sort: _sort, ...unsorted } = input;
        answer = await client.send(new ListFindingsV2Command(unsorted));
      }
      return {
        findings: (answer.findings ?? []).map((f) => ({
          id: f.id ?? '',
          analyzerArn,
          status: f.status ?? 'UNKNOWN',
          resourceType: f.resourceType ?? 'UNKNOWN',
          ...(f.resource ? { resource: f.resource } : {}),
          ownerAccount: f.resourceOwnerAccount ?? '',
          ...(f.createdAt ? { createdAt: f.createdAt.toISOString() } : {}),
          ...(f.findingType?.startsWith('Unused') ? { findingType: f.findingType } : {}),
        })),
        ...(answer.nextToken ? { nextToken: answer.nextToken } : {}),
      };
    } catch (error) {
      throw awsError('access-analyzer:ListFindings', error);
    }
  }

  async analyzers(): Promise<string[]> {
    if (!this.region) {
      throw new AppError(
        'aws_failed',
        msg('error.awsFailed', {
          operation: 'access-analyzer:ListAnalyzers',
          detail: 'AWS_REGION is not set',
        }),
      );
    }
    const client = this.client(this.region);
    const arns: string[] = [];
    try {
      for (const type of ['ACCOUNT', 'ORGANIZATION'] as const) {
        let nextToken: string | undefined;
        do {
          const answer = await client.send(
            new ListAnalyzersCommand({ type, ...(nextToken ? { nextToken } : {}) }),
          );
          for (const a of answer.analyzers ?? []) if (a.status === 'ACTIVE' && a.arn) arns.push(a.arn);
          nextToken = answer.nextToken;
        } while (nextToken);
      }
    } catch (error) {
      throw awsError('access-analyzer:ListAnalyzers', error);
    }
    return arns;
  }

  async get(analyzerArn: string, findingId: string): Promise<Finding | undefined> {
    const region = regionOf(analyzerArn);
    try {
      const found = await this.client(region).send(new GetFindingV2Command({ analyzerArn, id: findingId }));
      return toFinding(found, analyzerArn, region);
    } catch (error) {
      if (isAwsError(error, 'ResourceNotFoundException')) return undefined;
      throw awsError('access-analyzer:GetFinding', error);
    }
  }

  async archive(analyzerArn: string, findingId: string): Promise<void> {
    try {
      await this.client(regionOf(analyzerArn)).send(
        new UpdateFindingsCommand({ analyzerArn, ids: [findingId], status: 'ARCHIVED' }),
      );
    } catch (error) {
      throw awsError('access-analyzer:UpdateFindings', error);
    }
  }

  private client(region: string): AccessAnalyzerClient {
    let client = this.clients.get(region);
    if (!client) {
      client = new AccessAnalyzerClient({ ...this.config, region });
      this.clients.set(region, client);
    }
    return client;
  }
}

/** The filters as Access Analyzer's filter criteria (the keys are Access Analyzer's filter keys). */
export function toCriteria(filters: FindingFilters): Record<string, Criterion> {
  const criteria: Record<string, Criterion> = { status: { eq: [filters.status] } };
  if (filters.resourceType) criteria.resourceType = { eq: [filters.resourceType] };
  if (filters.account) criteria.resourceOwnerAccount = { eq: [filters.account] };
  if (filters.principal) criteria['principal.AWS'] = { contains: [filters.principal] };
  if (filters.resource) criteria.resource = { contains: [filters.resource] };
  return criteria;
}

function regionOf(analyzerArn: string): string {
  const analyzer = parseAnalyzerArn(analyzerArn);
  if (!analyzer)
    throw new AppError('request_invalid', msg('error.requestInvalid'), { cause: new Error(analyzerArn) });
  return analyzer.region;
}

/** Maps `GetFindingV2`'s answer to the domain finding (external-access details merged). */
export function toFinding(found: GetFindingV2Response, analyzerArn: string, region: string): Finding {
  const external = (found.findingDetails ?? []).flatMap((d) =>
    d.externalAccessDetails ? [d.externalAccessDetails] : [],
  );
  const kind = found.findingType?.startsWith('Unused') ? 'unused' : 'external';
  const finding: Finding = {
    kind,
    id: found.id ?? '',
    analyzerArn,
    status: found.status ?? 'UNKNOWN',
    resourceType: found.resourceType ?? 'UNKNOWN',
    ownerAccount: found.resourceOwnerAccount ?? '',
    region,
    isDeleted: false,
  };
  if (found.resource) finding.resource = found.resource;
  if (found.error) finding.error = found.error;
  if (found.createdAt) finding.createdAt = found.createdAt.toISOString();
  if (found.updatedAt) finding.updatedAt = found.updatedAt.toISOString();
  if (found.findingType && kind === 'unused') finding.findingType = found.findingType;
  if (kind === 'external' && external.length > 0) {
    finding.principal = Object.assign({}, ...external.map((d) => d.principal ?? {}));
    finding.actions = [...new Set(external.flatMap((d) => d.action ?? []))];
    finding.condition = Object.assign({}, ...external.map((d) => d.condition ?? {}));
    finding.isPublic = external.some((d) => d.isPublic === true);
  }
  return finding;
}
