import type { ComponentChildren } from 'preact';
import type { LeadRow } from '../store/db.ts';
import { useApp } from './app-context.ts';
import { countdown, STAGE_LABEL } from './format.ts';

export const displayName = (row: Pick<LeadRow, 'contact'>): string =>
  row.contact.name || row.contact.company || row.contact.emails[0] || row.contact.phones[0] || 'Unnamed lead';

/** One lead in a list: a single button (keyboard: Tab / arrow keys, Enter opens the card). */
export function LeadItem({
  row,
  now,
  children,
  trailing,
  countdownShown = true,
}: {
  row: LeadRow;
  now: number;
  children?: ComponentChildren;
  trailing?: ComponentChildren;
  /** False where `children` already say how long is left (a Today reason about the deadline). */
  countdownShown?: boolean;
}) {
  const { open } = useApp();
  const v = row.view;
  const cd =
    countdownShown && v.stage === 'sql' && v.sqlDeadline !== null ? countdown(v.sqlDeadline, now) : null;
  const sub = row.contact.name ? row.contact.company : undefined;
  return (
    <li class="item">
      <button type="button" class="item-main" onClick={() => open(row.id)} data-lead-id={row.id}>
        <span class="line1">
          <span class="name">{displayName(row)}</span>
          <span class={`chip stage-${v.stage}`}>{STAGE_LABEL[v.stage]}</span>
        </span>
        {sub && <span class="line2 muted">{sub}</span>}
        {children && <span class="line2">{children}</span>}
        <span class="line3">
          {cd && <span class={`countdown ${cd.urgency}`}>{cd.text}</span>}
          {v.inDanger && <span class="flag danger">in danger</span>}
          {row.pending.length > 0 && <span class="flag pending">waiting to sync</span>}
          {row.predicted.length > 0 && <span class="flag warn">may be refused</span>}
        </span>
      </button>
      {trailing && <div class="item-actions">{trailing}</div>}
    </li>
  );
}

/** Arrow keys move between the items of a list; Home/End jump. */
export function onListKeys(e: KeyboardEvent): void {
  if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
  const list = e.currentTarget as HTMLElement;
  const buttons = [...list.querySelectorAll<HTMLButtonElement>('button.item-main')];
  const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next =
    e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : i + (e.key === 'ArrowDown' ? 1 : -1);
  const target = buttons[Math.max(0, Math.min(buttons.length - 1, next))];
  if (target) {
    e.preventDefault();
    target.focus();
  }
}

export function LeadList({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <ul class="list" aria-label={label} onKeyDown={onListKeys}>
      {children}
    </ul>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty muted">{children}</p>;
}
