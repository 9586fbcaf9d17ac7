import type { Role } from '../domain/members/roles.js';

/** A menu entry: a button on the help card that runs `command` as if the user had typed it. */
export interface MenuEntry {
  labelKey: string;
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
}
