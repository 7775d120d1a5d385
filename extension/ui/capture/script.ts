import type { TeamSettings } from '../../../shared/settings.ts';

/** A piece of a call-script sentence: plain text, or a placeholder filled (or not yet known). */
export type ScriptPart = { text: string } | { slot: string; value: string | undefined };

/** The placeholders a team may write in its call script (shared/settings.ts `callScript`). */
export type ScriptVars = { me?: string; rep?: string; company?: string };

const SLOT = /\{(\w+)\}/g;

/**
 * `'Hi, this is {me} from {company}'` → text and slot parts. Unknown placeholders stay slots without a value,
 * so the UI can show them as blanks to say aloud instead of printing `{rep}` as if it were a name.
 */
export function fillScript(template: string, vars: ScriptVars): ScriptPart[] {
  const parts: ScriptPart[] = [];
  let last = 0;
  for (const m of template.matchAll(SLOT)) {
    if (m.index > last) parts.push({ text: template.slice(last, m.index) });
    const slot = m[1]!;
    const value = (vars as Record<string, string | undefined>)[slot]?.trim();
    parts.push({ slot, value: value || undefined });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}

/** The plain sentence (for tests and screen readers): unknown slots read as "[rep]". */
export const scriptText = (parts: ScriptPart[]): string =>
  parts.map((p) => ('text' in p ? p.text : (p.value ?? `[${p.slot}]`))).join('');

export type ScriptStep = { id: 'intro' | 'overview' | 'transfer'; title: string; parts: ScriptPart[] };

/** The three steps of the team's call script, in the order they are spoken. */
export function callScriptSteps(script: TeamSettings['callScript'], vars: ScriptVars): ScriptStep[] {
  return [
    { id: 'intro', title: 'One-sentence intro', parts: fillScript(script.intro, vars) },
    { id: 'overview', title: 'Thirty-second overview', parts: fillScript(script.overview, vars) },
    { id: 'transfer', title: 'Transfer', parts: fillScript(script.transferPhrase, vars) },
  ].filter((s) => s.parts.length > 0) as ScriptStep[];
}
