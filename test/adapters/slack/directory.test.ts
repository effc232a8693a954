import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackDirectory } from '../../../src/adapters/slack/directory.js';
import { FakeClock } from '../../support/fakes.js';
import { SlackApiStub } from '../../support/slack-api-stub.js';

const slack = new SlackApiStub();
beforeAll(() => slack.start());
afterAll(() => slack.stop());

describe('SlackDirectory', () => {
  it('asks usergroups.users.list once a minute at most', async () => {
    slack.groups = { S0SECOPS: ['U0ALICE'] };
    const clock = new FakeClock();
    const directory = new SlackDirectory(
      new WebClient('xoxb-t', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }),
      clock,
    );
    expect(await directory.groupMembers('S0SECOPS')).toEqual(['U0ALICE']);
    slack.groups = { S0SECOPS: ['U0ALICE', 'U0BOB'] };
    expect(await directory.groupMembers('S0SECOPS')).toEqual(['U0ALICE']);
    clock.advance(60_001);
    expect(await directory.groupMembers('S0SECOPS')).toEqual(['U0ALICE', 'U0BOB']);
    expect(slack.called('usergroups.users.list').map((c) => c.args.usergroup)).toEqual([
      'S0SECOPS',
      'S0SECOPS',
    ]);
  });

  it('turns a Slack error into a typed error naming the method', async () => {
    slack.failures['usergroups.users.list'] = 'missing_scope';
    const directory = new SlackDirectory(
      new WebClient('xoxb-t', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }),
      new FakeClock(),
    );
    await expect(directory.groupMembers('S0OTHER')).rejects.toMatchObject({
      code: 'slack_failed',
      userMessage: { params: { method: 'usergroups.users.list', detail: 'missing_scope' } },
    });
  });
});
