/**
 * The page an invite link opens. It never looks the token up (that would tell a stranger whether it is
 * valid); it only tells the person what to do with the link.
 */
const TOKEN = /^[A-Za-z0-9_-]{20,200}$/;

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function joinPage(link: string, token: string | null): string {
  const ok = token !== null && TOKEN.test(token);
  const body = ok
    ? `<p>You have been invited to a Leadline team.</p>
<ol><li>Install the Leadline browser extension (ask your admin for it).</li>
<li>Open Leadline's side panel and choose <b>Sign in</b>.</li>
<li>Paste this whole link:</li></ol>
<p><code>${escapeHtml(link)}</code></p>
<p>Keep the link private: it signs you in as you.</p>`
    : '<p>This invite link is incomplete. Ask your Leadline admin for a new one.</p>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Join Leadline</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}
code{word-break:break-all;background:#f3f3f3;padding:.2rem .4rem;display:block}</style></head>
<body><h1>Join Leadline</h1>${body}</body></html>`;
}
