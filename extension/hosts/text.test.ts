// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { sharedFixture } from './test-support';
import { clip, normaliseLines, toPlainText } from './text';

const html = (markup: string) => {
  const div = document.createElement('div');
  div.innerHTML = markup;
  return div;
};

describe('toPlainText', () => {
  it('breaks lines at blocks and <br>, once per boundary, like innerText', () => {
    expect(toPlainText(html('<div><div>a</div></div><div>b</div>'))).toBe('a\nb');
    expect(toPlainText(html('<div>Thanks,<br></div><div>Alex</div>'))).toBe('Thanks,\nAlex');
    expect(toPlainText(html('<div>a</div><div><br></div><div>b</div>'))).toBe('a\n\nb');
    expect(toPlainText(html('<p>x&nbsp;y</p><table><tr><td>Tel</td><td>+1 2</td></tr></table>'))).toBe(
      'x y\nTel +1 2',
    );
  });

  it('skips hidden, script, style and template content and never reads markup as text', () => {
    const el = html(
      '<div hidden>no</div><div style="display:none">no</div><script>no()</script><style>.no{}</style>' +
        '<template><b>no</b></template><span>&lt;b&gt;yes&lt;/b&gt;</span>',
    );
    expect(toPlainText(el)).toBe('<b>yes</b>');
  });

  it('reads the saved Gmail reply body with its line structure', () => {
    const text = toPlainText(html(sharedFixture('webmail/gmail-body-reply__talon.html')));
    expect(text.split('\n').slice(0, 4)).toEqual(['Hi. I am fine.', '', 'Thanks,', 'Alex']);
  });
});

describe('normaliseLines / clip', () => {
  it('trims lines and keeps at most one blank line', () => {
    expect(normaliseLines('  a \n\n\n\n b\n\n')).toBe('a\n\nb');
  });
  it('never splits a surrogate pair', () => {
    expect(clip('ab😀', 3)).toBe('ab');
  });
});
