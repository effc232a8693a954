import {
  AccessAnalyzerClient,
  type AccessAnalyzerClientConfig,
  GetFindingV2Command,
  type GetFindingV2Response,
  UpdateFindingsCommand,
} from '@aws-sdk/client-accessanalyzer';
import { parseAnalyzerArn } from '../../domain/arn.js';
import { AppError } from '../../domain/errors.js';
import type { Finding } from '../../domain/finding.js';
import { msg } from '../../domain/messages/index.js';
import type { Findings } from '../../ports.js';
import { awsError, isAwsError } from './errors.js';

/**
 * The Findings port over Access Analyzer. Every call goes to the analyzer's own Region (the API is
 * regional). `GetFindingV2` serves external and unused analyzers alike (`GetFinding` only the former).
 */
export class AwsAccessAnalyzer implements Findings {
  private readonly clients = new Map<string, AccessAnalyzerClient>();

  constructor(private readonly config: AccessAnalyzerClientConfig = {}) {}

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
