import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import * as z from 'zod';
import { NEXT_PAGE_ACTION } from '../src/adapters/slack/answer-blocks.js';
import { SLASH_COMMAND } from '../src/adapters/slack/slash-command.js';
import { FINDING_ACTIONS } from '../src/app/actions/registry.js';
import { manifestWithUrl, REQUEST_URL_PLACEHOLDER } from '../src/manifest.js';

const repo = join(import.meta.dirname, '..');
const text = readFileSync(join(repo, 'manifest.yml'), 'utf8');

/** Slack's app manifest format, as far as this app uses it (docs.slack.dev/reference/app-manifest). */
const url = z.url({ protocol: /^https$/ });
const manifestSchema = z.strictObject({
  _metadata: z.strictObject({ major_version: z.literal(1), minor_version: z.number().int() }),
  display_information: z.strictObject({
    name: z.string().min(1).max(35),
    description: z.string().max(140),
    background_color: z.string().regex(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i),
    long_description: z.string().min(174).max(4000),
  }),
  features: z.strictObject({
    bot_user: z.strictObject({
      display_name: z.string().regex(/^[a-z0-9-_.]{1,80}$/),
      always_online: z.boolean(),
    }),
    slash_commands: z
      .array(
        z.strictObject({
          command: z.string().regex(/^\/[\w-]{1,31}$/),
          url,
          description: z.string().min(1).max(2000),
          usage_hint: z.string().max(1000),
          should_escape: z.boolean(),
        }),
      )
      .max(50),
  }),
  oauth_config: z.strictObject({
    scopes: z.strictObject({ bot: z.array(z.string().regex(/^[a-z.:]+$/)).max(255) }),
  }),
  settings: z.strictObject({
    interactivity: z.strictObject({ is_enabled: z.boolean(), request_url: url }),
    org_deploy_enabled: z.boolean(),
    socket_mode_enabled: z.boolean(),
    token_rotation_enabled: z.boolean(),
  }),
});

/** Every Web API method the source calls, read from the code (`client.chat.postMessage(…)`, …). */
function webApiMethodsUsed(): Set<string> {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) =>
      statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : [],
    );
  const used = new Set<string>();
  for (const file of files(join(repo, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\.client\.((?:[a-z]+\.)+[a-zA-Z]+)\(/g))
      used.add(m[1] as string);
  }
  return used;
}

/** The bot scope each method needs (docs.slack.dev/reference/methods). */
const SCOPE_OF: Record<string, string> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'usergroups.users.list': 'usergroups:read',
  'users.info': 'users:read',
  'views.open': '',
};

describe('manifest.yml', () => {
  const manifest = manifestSchema.parse(
    parse(manifestWithUrl(text, 'https://example.execute-api.eu-west-1.amazonaws.com/slack/events')),
  );

  it('is valid for the manifest format, with placeholders for the request URLs', () => {
    const raw = parse(text);
    expect(raw.settings.interactivity.request_url).toBe(REQUEST_URL_PLACEHOLDER);
    expect(raw.features.slash_commands[0].url).toBe(REQUEST_URL_PLACEHOLDER);
    expect(manifest.settings).toMatchObject({ socket_mode_enabled: false, token_rotation_enabled: false });
  });

  it('declares the slash command the code registers, with a usage hint', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    expect(manifest.features.slash_commands[0]?.usage_hint).toContain('show <finding-id>');
  });

  it('turns interactivity on, since the code registers button listeners', () => {
    expect(FINDING_ACTIONS.length + [NEXT_PAGE_ACTION].length).toBeGreaterThan(0);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('asks for exactly the scopes the code uses', () => {
    const methods = webApiMethodsUsed();
    expect([...methods].sort()).toEqual(['chat.postMessage', 'chat.update', 'usergroups.users.list']);
    const needed = new Set([...methods].map((m) => SCOPE_OF[m]).filter(Boolean));
    needed.add('commands'); // the slash command
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });
});

describe('npm run manifest', () => {
  it('prints the manifest with the request URL filled in everywhere', () => {
    const out = execFileSync(
      process.execPath,
      [
        join(repo, 'node_modules/tsx/dist/cli.mjs'),
        join(repo, 'scripts/manifest.ts'),
        '--url',
        'https://abc.example.com',
      ],
      {
        encoding: 'utf8',
      },
    );
    const printed = manifestSchema.parse(parse(out));
    expect(printed.settings.interactivity.request_url).toBe('https://abc.example.com/slack/events');
    expect(printed.features.slash_commands[0]?.url).toBe('https://abc.example.com/slack/events');
    expect(out).not.toContain('REPLACE-WITH');
  });

  it('refuses a URL Slack would refuse', () => {
    expect(() => manifestWithUrl(text, 'http://abc.example.com/slack/events')).toThrow(/must be https/);
    expect(() => manifestWithUrl(text, 'not a url')).toThrow(/must be a URL/);
  });
});
