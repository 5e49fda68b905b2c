/**
 * Test runners that clean the global object between test files must leave the registry alone.
 *
 * Jest 30 (`testEnvironmentOptions.globalsCleanup`, "soft" by default) goes through every object a test
 * file set on its global object and, at teardown, wraps each configurable own property in a warning
 * accessor ("soft") or deletes it ("on"). The registry's objects outlive the file — tasks stay parked,
 * the clock's timer fires later — and a "soft"-wrapped field written afterwards recurses in jest's
 * setter until the stack overflows (jest-util 30.5: `Reflect.set` on the property that is now that
 * accessor), which ends the jest process. jest-util's own `protectProperties` marks an object with this
 * registered symbol; an empty list protects every property, and the mark is all jest reads.
 */
const JEST_PROTECT_FROM_DELETION = Symbol.for('$$jest-protect-from-deletion');

/** Marks `value` as left alone by jest's globals cleanup, and returns it. Never throws (a frozen object stays as is). */
export function protectFromGlobalsCleanup<T extends object>(value: T): T {
  try {
    // As jest-util's protectProperties defines it: not enumerable, writable and configurable.
    Object.defineProperty(value, JEST_PROTECT_FROM_DELETION, { value: [], enumerable: false, writable: true, configurable: true });
  } catch {
    // Not extensible: nothing to protect it with, and nothing jest could wrap either.
  }
  return value;
}
