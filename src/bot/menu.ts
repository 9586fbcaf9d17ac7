import type { Role } from '../domain/members/roles.js';
import { type MessageKey, t } from '../i18n/index.js';

/** A menu entry: a button on the help card that runs `command` as if the user had typed it. */
export interface MenuEntry {
  labelKey: MessageKey;
  command: string;
  roles: Role[];
  order: number;
}

export class Menu {
  private readonly entries: MenuEntry[] = [];

  add(entry: MenuEntry): this {
    this.entries.push(entry);
    return this;
  }

  /** The entries the holder of `roles` may use, in menu order. */
  allowedFor(roles: Role[]): MenuEntry[] {
    return this.entries.filter((e) => e.roles.some((r) => roles.includes(r))).sort((a, b) => a.order - b.order);
  }

  /**
   * A button's label typed as text ("商户分档", "归属申诉 老王 …") → the command the button runs, with
   * what followed the label. People read the label on the button and type it; the command word may differ.
   * Role checks stay with the command, so any entry's label is translated.
   */
  commandForLabel(text: string): string | undefined {
    const typed = text.trim();
    for (const e of this.entries) {
      const label = t(e.labelKey);
      if (label === e.command) continue;
      if (typed === label) return e.command;
      if (typed.startsWith(`${label} `)) return `${e.command} ${typed.slice(label.length).trim()}`;
    }
    return undefined;
  }

  /**
   * Near misses among what `roles` may use: one label or command inside the other, or a typo or two away
   * (edit distance), best first. "分档" finds 商户分档, "走访" finds 走访计划 and 走访日志.
   */
  suggest(text: string, roles: Role[], limit = 4): MenuEntry[] {
    const typed = text.trim().toLowerCase();
    if (!typed || typed.length > 20) return [];
    const scored: Array<{ e: MenuEntry; score: number }> = [];
    for (const e of this.allowedFor(roles)) {
      let best = Number.POSITIVE_INFINITY;
      for (const word of [t(e.labelKey).toLowerCase(), e.command.toLowerCase()]) {
        if (word.length >= 2 && typed.length >= 2 && (word.includes(typed) || typed.includes(word))) {
          best = Math.min(best, Math.abs(word.length - typed.length) / 10);
          continue;
        }
        const d = editDistance(typed, word);
        if (d <= Math.max(1, Math.floor(word.length / 3))) best = Math.min(best, d);
      }
      if (best < Number.POSITIVE_INFINITY) scored.push({ e, score: best });
    }
    const seen = new Set<string>();
    return scored
      .sort((a, b) => a.score - b.score || a.e.order - b.e.order)
      .map((s) => s.e)
      .filter((e) => !seen.has(e.command) && seen.add(e.command))
      .slice(0, limit);
  }
}

/** Levenshtein distance over code points (Chinese characters count one each). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}
