import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { Jobs } from '../../ports.js';
import { toJobEvent } from '../job-event.js';
import { awsError } from './errors.js';

/** Hands a job to an asynchronous invocation (`InvocationType: Event`) of this same function. */
export class LambdaJobs implements Jobs {
  constructor(
    private readonly client: LambdaClient,
    private readonly functionName: string,
  ) {}

  async enqueue(sealedJob: string): Promise<void> {
    try {
      const answer = await this.client.send(
        new InvokeCommand({
          FunctionName: this.functionName,
          InvocationType: 'Event',
          Payload: new TextEncoder().encode(JSON.stringify(toJobEvent(sealedJob))),
        }),
      );
      if (answer.StatusCode !== 202) throw new Error(`Invoke answered ${answer.StatusCode}, expected 202`);
    } catch (error) {
      throw awsError('lambda:InvokeFunction', error);
    }
  }
}
