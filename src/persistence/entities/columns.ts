/**
 * Column shapes for the EntitySchemas, one module so that every table spells them alike and says
 * whether a column may be NULL in its name (the tables themselves come from migrations/, whose
 * dialect-neutral types are migrations/columns.ts).
 */

/** `varchar(length) NOT NULL`. */
export const varchar = (length: number) => ({ type: 'varchar' as const, length, nullable: false });
/** `varchar(length) NULL`. */
export const nullableVarchar = (length: number) => ({ type: 'varchar' as const, length, nullable: true });

/** An instant with milliseconds, NOT NULL. */
export const datetime = () => ({ type: 'datetime' as const, precision: 3, nullable: false });
/** An instant with milliseconds, NULL. */
export const nullableDatetime = () => ({ type: 'datetime' as const, precision: 3, nullable: true });

export const integer = () => ({ type: 'integer' as const, nullable: false });
export const nullableInteger = () => ({ type: 'integer' as const, nullable: true });

export const text = () => ({ type: 'text' as const, nullable: false });
export const nullableText = () => ({ type: 'text' as const, nullable: true });

/** Yuan with fen: decimal(14,2) NOT NULL. */
export const money = () => ({ type: 'decimal' as const, precision: 14, scale: 2, nullable: false });
/** Yuan with fen: decimal(14,2) NULL. */
export const nullableMoney = () => ({ type: 'decimal' as const, precision: 14, scale: 2, nullable: true });

export const boolean = () => ({ type: 'boolean' as const, nullable: false });

/** An auto-increment integer primary key. */
export const generatedId = () => ({ type: 'integer' as const, primary: true, generated: 'increment' as const });
