import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Saved real-world markup (read-only, outside the repo) and our own test pages. */
export const SHARED_FIXTURES = path.resolve(import.meta.dirname, '../../../shared/fixtures');
export const TEST_PAGES = path.resolve(import.meta.dirname, '../../test/pages');

export const sharedFixture = (name: string) => readFileSync(path.join(SHARED_FIXTURES, name), 'utf8');
export const testPage = (name: string) => readFileSync(path.join(TEST_PAGES, name), 'utf8');

/** Loads a whole HTML page into the happy-dom document (scripts are not run) at `url`. */
export function loadPage(html: string, url: string): void {
  setUrl(url);
  const body = html.match(/<body[^>]*>([\s\S]*)<\/body>/i)?.[1] ?? html;
  document.head.innerHTML = '';
  document.body.innerHTML = body.replace(/<script[\s\S]*?<\/script>/gi, '');
}

export function setUrl(url: string): void {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
}

/** What the Gmail test page's script does on a hash change: render the template of that view. */
export function showGmailView(id: string): void {
  const template = document.getElementById(`view-${id}`) as HTMLTemplateElement | null;
  const main = document.getElementById('main');
  if (!template || !main) throw new Error(`no Gmail view ${id}`);
  main.replaceChildren(template.content.cloneNode(true));
}

/** Renames classes/attributes as a host redesign would, to test the "markup changed" path. */
export function breakMarkup(replacements: Record<string, string>): void {
  let html = document.body.innerHTML;
  for (const [from, to] of Object.entries(replacements)) html = html.split(from).join(to);
  document.body.innerHTML = html;
}

/** Resolves after the debounced observers have fired (real timers). */
export const settle = (ms = 250) => new Promise((resolve) => setTimeout(resolve, ms));
