import { describe, expect, it } from 'vitest';
import { renderCard } from '../../../src/adapters/slack/finding-blocks.js';
import { actionRegistry } from '../../../src/app/actions/registry.js';
import { makeCardBuilder } from '../../../src/app/card.js';
import { translator } from '../../../src/domain/messages/index.js';
import { roleFinding } from '../../support/findings.js';

const build = makeCardBuilder(actionRegistry(), {
  isolationPolicyName: 'AccessFindingsDenyAll',
  protectedRolePatterns: [],
});
const render = (finding = roleFinding(), locale: 'en' | 'ja' = 'en') =>
  renderCard(build(finding), translator(locale), (action) => `token-for-${action}`);
const texts = (blocks: Array<Record<string, any>>) => JSON.stringify(blocks);

describe('renderCard', () => {
  it('shows what is exposed, to whom, which actions and conditions, when, and which finding', () => {
    const { blocks } = render();
    const fields = (blocks[1]!.fields as Array<{ text: string }>).map((f) => f.text);
    expect(fields).toEqual([
      '*Resource*\n`arn:aws:iam::444455556666:role/deploy/ci/VendorDeployRole`',
      '*Account*\n444455556666',
      '*Region*\neu-west-1',
      '*Accessible by*\nAWS: `arn:aws:iam::999988887777:root`',
      '*Actions*\n`sts:AssumeRole`',
      '*Conditions*\n`sts:ExternalId` = `vendor-42`',
      '*Found*\n<!date^1741082531^{date_short_pretty} {time}|2025-03-04T10:02:11.512Z>',
      '*Finding id*\n`8d1f6c2a-3b4e-4f50-9a61-7c8d9e0f1a2b`',
      '*Analyzer*\n`arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/org-external`',
    ]);
  });

  it('says "public" in red for a * principal', () => {
    const { blocks } = render(roleFinding({ principal: { AWS: '*' }, isPublic: true }));
    expect(texts(blocks)).toContain(':red_circle: *Public*: anyone can access');
  });

  it('gives each button its signed value, and Isolate a confirm dialog naming the role', () => {
    const { blocks } = render();
    const actions = blocks.find((b) => b.type === 'actions') as Record<string, any>;
    expect(actions.block_id).toBe('finding:8d1f6c2a-3b4e-4f50-9a61-7c8d9e0f1a2b');
    expect(actions.elements).toEqual([
      {
        type: 'button',
        action_id: 'finding.isolate',
        text: { type: 'plain_text', text: 'Isolate role', emoji: true },
        value: 'token-for-finding.isolate',
        style: 'danger',
        confirm: {
          title: { type: 'plain_text', text: 'Isolate VendorDeployRole?' },
          text: {
            type: 'mrkdwn',
            text: 'Attach the inline policy `AccessFindingsDenyAll` that denies every action to role `VendorDeployRole` in account 444455556666. Everything running as this role stops working, including sessions already issued.',
          },
          confirm: { type: 'plain_text', text: 'Isolate' },
          deny: { type: 'plain_text', text: 'Cancel' },
          style: 'danger',
        },
      },
      {
        type: 'button',
        action_id: 'finding.archive',
        text: { type: 'plain_text', text: 'Archive', emoji: true },
        value: 'token-for-finding.archive',
      },
    ]);
  });

  it("stays within Slack's limits for extreme findings", () => {
    const huge = roleFinding({
      resource: `arn:aws:iam::444455556666:role/${'p'.repeat(400)}/${'R'.repeat(64)}`,
      principal: Object.fromEntries(
        Array.from({ length: 50 }, (_, i) => [
          `AWS${i}`,
          `arn:aws:iam::${'9'.repeat(12)}:role/${'x'.repeat(60)}`,
        ]),
      ),
      actions: Array.from({ length: 300 }, (_, i) => `s3:Action${i}`),
      condition: Object.fromEntries(
        Array.from({ length: 100 }, (_, i) => [`aws:SourceVpce${i}`, 'vpce-0123456789abcdef0']),
      ),
    });
    for (const locale of ['en', 'ja'] as const) {
      const { blocks, text } = render(huge, locale);
      expect(blocks.length).toBeLessThanOrEqual(50);
      expect((blocks[0]!.text as { text: string }).text.length).toBeLessThanOrEqual(150);
      const fields = blocks[1]!.fields as Array<{ text: string }>;
      expect(fields.length).toBeLessThanOrEqual(10);
      for (const f of fields) expect(f.text.length).toBeLessThanOrEqual(2000);
      const confirm = (blocks.find((b) => b.type === 'actions') as any).elements[0].confirm;
      expect(confirm.title.text.length).toBeLessThanOrEqual(100);
      expect(confirm.text.text.length).toBeLessThanOrEqual(300);
      expect(text.length).toBeLessThan(40_000);
    }
  });

  it('names an error finding as such and offers no principal fields', () => {
    const { blocks } = render(
      roleFinding({
        resourceType: 'AWS::KMS::Key',
        resource: 'arn:aws:kms:eu-west-1:444455556666:key/k-1',
        error: 'ACCESS_DENIED',
        principal: undefined,
        actions: undefined,
      }),
    );
    expect((blocks[0]!.text as { text: string }).text).toBe('Access Analyzer could not analyze KMS key k-1');
    expect(texts(blocks)).toContain('*Error*\\n`ACCESS_DENIED`');
    expect(texts(blocks)).not.toContain('Accessible by');
  });
});
