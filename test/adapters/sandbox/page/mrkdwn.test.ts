import { describe, expect, it } from 'vitest';
import { emojify, mrkdwnToHtml } from '../../../../src/adapters/sandbox/page/mrkdwn.js';

const names = {
  userName: (id: string) => ({ U0ALICE: 'alice' })[id],
  channelName: (id: string) => (id === 'C0FINDINGS' ? 'security-findings' : undefined),
};
const render = (text: string) => mrkdwnToHtml(text, names);

/** Every tag in the output; the page's markup is only ever one of these, with only these attributes. */
const tags = (html: string) => html.match(/<[^>]*>/g) ?? [];
const OUR_TAG =
  /^<(\/?(b|i|s|code|pre|span|a)|br|code class="mk-code"|pre class="mk-pre"|span class="[\w -]+"( title="[^"<>]*")?|a href="[^"<>]*" target="_blank" rel="noopener noreferrer")>$/;

describe('mrkdwnToHtml', () => {
  it('formats bold, italic, strikethrough and newlines', () => {
    expect(render('*bold* _italic_ ~gone~\nnext line')).toBe(
      '<b>bold</b> <i>italic</i> <s>gone</s><br>next line',
    );
  });

  it('leaves markers inside words and around spaces alone', () => {
    expect(render('snake_case_name and 2*3*4 and * not bold *')).toBe(
      'snake_case_name and 2*3*4 and * not bold *',
    );
  });

  it('shows code and preformatted text verbatim, without formatting or emoji inside', () => {
    expect(render('run `npm *start* :tada:` now')).toBe(
      'run <code class="mk-code">npm *start* :tada:</code> now',
    );
    expect(render('```\n{"Effect": "Deny"}\n_x_```')).toBe(
      '<pre class="mk-pre">{&quot;Effect&quot;: &quot;Deny&quot;}\n_x_</pre>',
    );
  });

  it('names a mentioned user through the resolver, else by the label or the id', () => {
    expect(render('Requested by <@U0ALICE>')).toBe('Requested by <span class="mention">@alice</span>');
    expect(render('<@U0NOBODY|bob> and <@U0NOBODY>')).toBe(
      '<span class="mention">@bob</span> and <span class="mention">@U0NOBODY</span>',
    );
    expect(mrkdwnToHtml('<@U0ALICE>')).toBe('<span class="mention">@U0ALICE</span>');
  });

  it('names channels, user groups and broadcasts', () => {
    expect(render('<#C1|general> <#C0FINDINGS> <#C2>')).toBe(
      '<span class="mention channel-mention">#general</span> ' +
        '<span class="mention channel-mention">#security-findings</span> ' +
        '<span class="mention channel-mention">#C2</span>',
    );
    expect(render('<!subteam^S0SECOPS|@secops> <!here>')).toBe(
      '<span class="mention">@secops</span> <span class="mention broadcast">@here</span>',
    );
  });

  it('links http(s) and mailto URLs, opening them in a new tab', () => {
    expect(render('<https://x.example/a?b=1&amp;c=2|the docs>')).toBe(
      '<a href="https://x.example/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the docs</a>',
    );
    expect(render('<mailto:sec@example.com>')).toBe(
      '<a href="mailto:sec@example.com" target="_blank" rel="noopener noreferrer">mailto:sec@example.com</a>',
    );
  });

  it('does not link any other scheme; the token stays visible as text', () => {
    const html = render('<javascript:alert(1)|x> <data:text/html,hi|y> <JAVASCRIPT:alert(1)>');
    expect(html).not.toContain('<a');
    expect(html).toBe(
      '&lt;javascript:alert(1)|x&gt; &lt;data:text/html,hi|y&gt; &lt;JAVASCRIPT:alert(1)&gt;',
    );
  });

  it('shows a date token in the local format, with the exact time as a tooltip', () => {
    const epoch = Date.UTC(2023, 10, 14, 12, 0, 0) / 1000;
    const html = render(`Found <!date^${epoch}^{date_num} at {time}|Nov 14>`);
    const expected = new Date(epoch * 1000).toLocaleTimeString(undefined, {
      hour: 'numeric',
      minute: '2-digit',
    });
    expect(html).toMatch(
      new RegExp(
        `^Found <span class="mk-date" title="2023-11-14T12:00:00.000Z">2023-11-1[345] at ${expected}</span>$`,
      ),
    );
  });

  it('counts relative dates from the given now, and keeps unknown format tokens as written', () => {
    const epoch = 1_700_000_000;
    const html = mrkdwnToHtml(`<!date^${epoch}^{ago}, {nonsense}|fallback>`, {
      now: (epoch + 3 * 3600) * 1000,
    });
    const ago = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(-3, 'hour');
    expect(html).toContain(`>${ago}, {nonsense}</span>`);
    const today = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(0, 'day');
    expect(mrkdwnToHtml(`<!date^${epoch}^{date_pretty}|x>`, { now: new Date(epoch * 1000) })).toContain(
      `>${today}</span>`,
    );
  });

  it('links a date token to its URL only when that is http(s)', () => {
    const epoch = 1_700_000_000;
    expect(render(`<!date^${epoch}^{date_num}^https://x.example/f|d>`)).toMatch(
      /^<a href="https:\/\/x\.example\/f"/,
    );
    expect(render(`<!date^${epoch}^{date_num}^javascript:alert(1)|d>`)).toMatch(/^<span class="mk-date"/);
  });

  it('shows the fallback text of a date token it cannot read', () => {
    expect(render('Found <!date^soon^{date}|14 Nov 2023>')).toBe('Found 14 Nov 2023');
    expect(render('<!date^soon^{date}>')).toBe('!date^soon^{date}');
  });

  it('turns known emoji shortcodes into emoji and leaves unknown ones', () => {
    expect(render(':red_circle: Public :+1::tada: :not_an_emoji: ::lock:')).toBe(
      '🔴 Public 👍🎉 :not_an_emoji: :🔒',
    );
    expect(emojify('a:x:b')).toBe('a❌b');
  });

  it('decodes Slack entities once, so they show as the characters they stand for', () => {
    expect(render('a &lt; b &amp;&amp; c &gt; d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    expect(render('&amp;lt;b&amp;gt;')).toBe('&amp;lt;b&amp;gt;');
    expect(render('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  describe('never lets input text become markup', () => {
    const attacks = [
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
      '&lt;img src=x onerror=alert(1)&gt;',
      '<https://x.example/"onmouseover="alert(1)|x>',
      "<https://x.example/'onmouseover='alert(1)|it's \"quoted\">",
      '<https://x.example|<img src=x onerror=alert(1)>>',
      '<https://x.example|&lt;img src=x onerror=alert(1)&gt;>',
      '<@U0X|<img src=x onerror=alert(1)>> <@U0X|&lt;script&gt;>',
      '<#C1|&lt;script&gt;alert(1)&lt;/script&gt;>',
      '<!subteam^S1|&lt;img src=x onerror=alert(1)&gt;>',
      '<!date^1700000000^&lt;img src=x onerror=alert(1)&gt;|x>',
      '<!date^1700000000^{date} "onmouseover="alert(1)|x>',
      '<!date^1700000000^{date}^https://x.example/"onmouseover="alert(1)|x>',
      '<!date^never^{date}|&lt;img src=x onerror=alert(1)&gt;>',
      '`<img src=x onerror=alert(1)>` ```<script>alert(1)</script>```',
      '*<img src=x onerror=alert(1)>* _<script>_',
      ':tada:<img src=x onerror=alert(1)>:lock:',
      // Forged placeholders must not pull held markup into the wrong place.
      '`a` \uE0000\uE001 <https://x.example|\uE0000\uE001>',
    ];

    it.each(attacks)('%s', (attack) => {
      const html = render(attack);
      expect(html).not.toMatch(/<img|<script|<\/script/i);
      for (const tag of tags(html)) {
        expect(tag).toMatch(OUR_TAG);
        expect(tag).not.toMatch(/\son\w+=/i);
      }
      // Quotes can only close an attribute of ours: every one in the text is escaped.
      const text = html.replace(/<[^>]*>/g, '');
      expect(text).not.toMatch(/["'<>]/);
    });

    it('escapes quotes inside a link so they cannot end its href', () => {
      expect(render('<https://x.example/"onmouseover="alert(1)|it\'s>')).toBe(
        '<a href="https://x.example/&quot;onmouseover=&quot;alert(1)" target="_blank" rel="noopener noreferrer">it&#39;s</a>',
      );
    });

    it('keeps stray private-use marker characters out of the output', () => {
      expect(render('`a` \uE0000\uE001')).toBe('<code class="mk-code">a</code> 0');
    });
  });
});
