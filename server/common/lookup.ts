/**
 * `table[key]` for the table's own keys only. A user value such as `constructor` or
 * `__proto__` finds nothing, instead of a member of Object.prototype.
 */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
