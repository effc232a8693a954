import { mkdirSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../src/sandbox.js';
import { CHROMIUM_ARGS, chromiumPath } from '../support/browser.js';
import { MemoryLog } from '../support/fakes.js';

const SHOTS = 'test-results/screenshots';

describe.skipIf(!chromiumPath)('the sandbox in a real browser', () => {
  let sandbox: RunningSandbox;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sandbox = await startSandbox({ port: 0, log: new MemoryLog() });
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(sandbox.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  const message = (text: string) => page.locator('[data-testid=message]', { hasText: text });
  const raise = async (scenario: string) => {
    await page.selectOption('[data-testid=scenario-select]', scenario);
    await page.click('[data-testid=raise]');
  };

  it('raises a finding, isolates the role after the confirm dialog, and shows it everywhere', async () => {
    await page.click('[data-testid=user-U0ALICE]');
    await raise('vendor-role');
    const card = message('External access to IAM role VendorDeployRole');
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('Accessible by');

    await card.locator('[data-testid=button][data-action-id="finding.isolate"]').click();
    const dialog = page.locator('[data-testid=confirm-dialog]');
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('Isolate VendorDeployRole?');
    await page.screenshot({ path: `${SHOTS}/1-confirm.png` });
    await page.click('[data-testid=confirm-yes]');

    const reply = card.locator('[data-testid=reply]', { hasText: 'isolated: inline policy' });
    await reply.waitFor();
    await expect(reply.textContent()).resolves.toContain('Requested by @alice');
    await card.locator(':text("Role isolated by")').waitFor();
    await expect(card.locator('[data-action-id="finding.isolate"]').count()).resolves.toBe(0);
    await expect(card.locator('[data-action-id="finding.archive"]').count()).resolves.toBe(1);

    const role = page.locator('[data-testid=role][data-role-name=VendorDeployRole]');
    await role.locator(':text("AccessFindingsDenyAll")').first().waitFor();
    await expect(role.textContent()).resolves.toMatch(/"Effect": ?"Deny"/);
    await role.locator(':text("Inline policies")').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/2-isolated.png` });
  });

  it('archives another finding, and the account panel shows it archived', async () => {
    await raise('s3-bucket');
    const card = message('External access to S3 bucket acme-shared-reports');
    await card.waitFor();
    await card.locator('[data-testid=button][data-action-id="finding.archive"]').click();
    await card.locator('[data-testid=reply]', { hasText: 'archived in analyzer' }).waitFor();
    const findingId = sandbox.account
      .snapshot()
      .findings.find((f) => f.resource === 'arn:aws:s3:::acme-shared-reports')?.id;
    await page
      .locator(`[data-testid=finding][data-finding-id="${findingId}"][data-status=ARCHIVED]`)
      .waitFor();
    await page.screenshot({ path: `${SHOTS}/3-archived.png` });
  });

  it('refuses the unauthorized user with a message only they see', async () => {
    await page.click('[data-testid=user-U0MALLORY]');
    await expect(page.locator('[data-testid=current-user]').textContent()).resolves.toContain('mallory');
    await raise('role-with-path');
    const card = message('External access to IAM role CiDeployRole');
    await card.waitFor();
    await card.locator('[data-testid=button][data-action-id="finding.isolate"]').click();
    await page.click('[data-testid=confirm-yes]');
    const refusal = page.locator('[data-testid=ephemeral]', {
      hasText: 'You are not allowed to act on findings',
    });
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain('Only visible to you');
    const role = sandbox.account.snapshot().roles.find((r) => r.name === 'CiDeployRole');
    expect(role?.inlinePolicies).toEqual({});
    await page.screenshot({ path: `${SHOTS}/4-refused.png` });

    // Alice does not see Mallory's ephemeral message.
    await page.click('[data-testid=user-U0ALICE]');
    await expect(
      page.locator('[data-testid=ephemeral]', { hasText: 'You are not allowed' }).count(),
    ).resolves.toBe(0);
  });

  it('answers /access-findings from the command box with a list only the asker sees', async () => {
    await page.fill('[data-testid=command-input]', '/access-findings list type=role');
    await page.press('[data-testid=command-input]', 'Enter');
    const list = page.locator('[data-testid=ephemeral]', { hasText: 'Findings matching' });
    await list.waitFor();
    await expect(list.textContent()).resolves.toContain('CiDeployRole');
    await expect(
      list.locator('[data-testid=button][data-action-id="finding.archive"]').count(),
    ).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/5-list.png` });
  });
});
