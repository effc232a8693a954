import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { SelfIdentity } from '../../domain/guardrails.js';
import type { Identity } from '../../ports.js';
import { awsError } from './errors.js';

/** Who the app runs as, from `sts:GetCallerIdentity` (no permission needed), asked once per process. */
export class AwsIdentity implements Identity {
  private cached?: Promise<SelfIdentity>;

  constructor(private readonly client: STSClient = new STSClient({})) {}

  whoAmI(): Promise<SelfIdentity> {
    this.cached ??= this.client.send(new GetCallerIdentityCommand({})).then(
      (answer) => toSelfIdentity(answer.Account ?? '', answer.Arn ?? ''),
      (error) => {
        this.cached = undefined;
        throw awsError('sts:GetCallerIdentity', error);
      },
    );
    return this.cached;
  }
}

/** `arn:aws:sts::<account>:assumed-role/<RoleName>/<session>` names the role; users have none. */
export function toSelfIdentity(account: string, arn: string): SelfIdentity {
  const match = /^arn:[^:]+:sts::\d+:assumed-role\/([^/]+)\//.exec(arn);
  return match?.[1] ? { account, roleName: match[1] } : { account };
}
