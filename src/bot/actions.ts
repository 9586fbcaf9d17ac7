/**
 * Every card button action is named once, by the bot feature that handles it: its file exports
 * `ACTIONS = [...] as const` and adds them here (`declare module '../actions.js' { interface Actions extends
 * Declared<typeof ACTIONS> {} }`). Cards put `{ a: <name>, … }` in a button value and the router registers a
 * handler by the same name: both are typed against `ActionName`, so a typo fails `tsc`, and
 * tests/bot/action-contracts.test.ts fails on a name with no handler or a handler nothing sends.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by each bot feature through declaration merging
export interface Actions {}

/** The names in a feature's `ACTIONS` list, as members of `Actions`. */
export type Declared<T extends readonly string[]> = Record<T[number], true>;

export type ActionName = keyof Actions & string;

export type ButtonValue = { a: ActionName } & Record<string, unknown>;
