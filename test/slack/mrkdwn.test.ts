import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, link, quote, safeText } from '../../src/slack/mrkdwn';

describe('mrkdwn escaping of what people type', () => {
  it('when text carries mentions, broadcasts or disguised links, then none survive', () => {
    const hostile = 'hey <!channel> <@U123> <!subteam^S1> <https://evil.example|https://goodtime.io> @here @everyone & more';
    const escaped = escapeMrkdwn(hostile);
    expect(escaped).not.toMatch(/[<>]/);
    expect(escaped).not.toMatch(/@here|@everyone|@channel/);
    expect(escaped).toContain('&lt;!channel&gt;');
    expect(escaped).toContain('&amp; more');
  });

  it('when text is cut to a limit, then no entity is split and the limit holds', () => {
    const cut = safeText('a'.repeat(10) + '<<<<', 14);
    expect(cut.length).toBeLessThanOrEqual(14);
    expect(cut).not.toMatch(/&[a-z]*…$/);
  });

  it('when quoting multi-line text, then every line is quoted', () => {
    expect(quote('one\ntwo')).toBe('>one\n>two');
  });

  it('when a pasted log of short lines with < > & is quoted, then the quote marks count toward the limit', () => {
    const log = Array.from({ length: 800 }, () => '<a>').join('\n');
    const quoted = quote(log, 2900);
    expect(quoted.length).toBeLessThanOrEqual(2900);
    expect(quoted).not.toMatch(/&[a-z]*…$/);
    expect(quoted.startsWith('>&lt;a&gt;')).toBe(true);
  });

  it('when a link label is user text, then it cannot break out of the link', () => {
    expect(link('https://ok.example/x', 'a|b<c>')).toBe('<https://ok.example/x|a¦b&lt;c&gt;>');
    expect(link('javascript:alert(1)', 'x')).toBe('x');
  });
});
