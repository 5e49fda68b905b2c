/**
 * Site kinds: the vocabulary the transform writes into each module's site table and the runtime reads
 * (docs/internals.md). One definition for both sides; this module has no side effects, so the
 * transform can import it at compile time.
 */
export enum SiteKind {
  Function = 0,
  Await = 1,
  Yield = 2,
  Call = 3,
  ForAwait = 4,
  AwaitUsing = 5,
  /**
   * Calls, by what the source does with their value (instrument-calls.ts `callSiteKind`). `Call` (3)
   * is a value stored, passed on, or used some other way; the debug tier watches those for a
   * reaction. The others say syntactically whether the value is awaited or handed on.
   */
  VoidedCall = 6,
  AwaitedCall = 7,
  ReactedCall = 8,
  ReturnedCall = 9,
  CombinedCall = 10,
  DroppedCall = 11,
  DerivedCall = 12,
  /**
   * An await whose operand is an instrumented call, registered as the next site (kind 7): that call's
   * `created` is folded into this await's `park` (docs/internals.md, "Async function bodies").
   */
  AwaitCall = 13,
  /**
   * A `for await` over a call's result (`for await (const x of pages())`), registered with the call's
   * site (kind 7) as the next one: an async generator the loop starts was created by that call.
   */
  ForAwaitCall = 14,
}
