import {
  AttachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  type IAMClientConfig,
  PutRolePolicyCommand,
  TagRoleCommand,
} from '@aws-sdk/client-iam';
import { StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryStrategyV2 } from '@smithy/types';
import { AppError } from '../../domain/errors.js';
import { msg } from '../../domain/messages/index.js';
import type { Iam, RoleInfo } from '../../ports.js';
import { awsError, isAwsError } from './errors.js';

/**
 * The SDK's standard retry treats `LimitExceededException` as throttling, but for IAM it is a quota
 * ("Maximum policy size exceeded") that no retry cures. Retrying only delays the fallback.
 */
function iamRetryStrategy(maxAttempts = 3): RetryStrategyV2 {
  const standard = new StandardRetryStrategy(maxAttempts);
  type Token = Parameters<StandardRetryStrategy['recordSuccess']>[0];
  return {
    acquireInitialRetryToken: (scope) => standard.acquireInitialRetryToken(scope),
    refreshRetryTokenForRetry: (token, info) =>
      isAwsError(info.error, 'LimitExceededException')
        ? Promise.reject(info.error)
        : standard.refreshRetryTokenForRetry(token as Token, info),
    recordSuccess: (token) => standard.recordSuccess(token as Token),
  };
}

/** An IAM client that does not retry quota errors. */
export function createIamClient(config: IAMClientConfig = {}): IAMClient {
  return new IAMClient({ retryStrategy: iamRetryStrategy(), ...config });
}

/** The Iam port over `@aws-sdk/client-iam`. Role names only: IAM's APIs never take a path or ARN. */
export class AwsIam implements Iam {
  constructor(private readonly client: IAMClient) {}

  async getRole(roleName: string): Promise<RoleInfo | undefined> {
    try {
      const { Role } = await this.client.send(new GetRoleCommand({ RoleName: roleName }));
      if (!Role?.Arn) return undefined;
      const tags = Object.fromEntries((Role.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
      return { arn: Role.Arn, tags };
    } catch (error) {
      if (isAwsError(error, 'NoSuchEntityException')) return undefined;
      throw awsError('iam:GetRole', error);
    }
  }

  async getRolePolicy(roleName: string, policyName: string): Promise<unknown | undefined> {
    try {
      const { PolicyDocument } = await this.client.send(
        new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }),
      );
      if (!PolicyDocument) return undefined;
      // IAM URL-encodes policy documents; some emulators return plain JSON. Decoding handles both.
      return JSON.parse(decodeURIComponent(PolicyDocument));
    } catch (error) {
      if (isAwsError(error, 'NoSuchEntityException')) return undefined;
      throw awsError('iam:GetRolePolicy', error);
    }
  }

  async putRolePolicy(roleName: string, policyName: string, document: object): Promise<void> {
    await this.write('iam:PutRolePolicy', roleName, () =>
      this.client.send(
        new PutRolePolicyCommand({
          RoleName: roleName,
          PolicyName: policyName,
          PolicyDocument: JSON.stringify(document),
        }),
      ),
    );
  }

  async attachRolePolicy(roleName: string, policyArn: string): Promise<void> {
    await this.write('iam:AttachRolePolicy', roleName, () =>
      this.client.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn })),
    );
  }

  async tagRole(roleName: string, tags: Record<string, string>): Promise<void> {
    await this.write('iam:TagRole', roleName, () =>
      this.client.send(
        new TagRoleCommand({
          RoleName: roleName,
          Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
        }),
      ),
    );
  }

  private async write(operation: string, roleName: string, call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
    } catch (error) {
      if (isAwsError(error, 'NoSuchEntityException')) {
        throw new AppError('role_not_found', msg('error.roleNotFound', { role: roleName }), { cause: error });
      }
      if (isAwsError(error, 'LimitExceededException')) {
        throw new AppError(
          'iam_limit_exceeded',
          msg('error.awsFailed', { operation, detail: errorText(error) }),
          {
            cause: error,
          },
        );
      }
      if (isAwsError(error, 'UnmodifiableEntityException')) {
        throw new AppError('role_protected', msg('error.roleServiceLinked'), { cause: error });
      }
      throw awsError(operation, error);
    }
  }
}

function errorText(error: unknown): string {
  return (error as { message?: string }).message ?? String(error);
}
