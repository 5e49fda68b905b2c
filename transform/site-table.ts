/**
 * One module's site table (docs/internals.md): every instrumented function, await/yield and call
 * gets a small local id; positions are 1-based line/column in the original source, computed from
 * the original node, so they do not depend on sourceMap or on other transformers.
 */
import type * as ts from 'typescript';

export const enum SiteKind {
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
}

export class SiteTable {
  /** Flat [kind, line, column, nameIndex] quadruples in local-id order. */
  readonly sites: number[] = [];
  readonly names: string[] = [];
  private readonly nameIndex = new Map<string, number>();

  constructor(private readonly sourceFile: ts.SourceFile) {}

  get size(): number {
    return this.sites.length / 4;
  }

  add(kind: SiteKind, node: ts.Node, name?: string): number {
    const original = node.pos >= 0 ? node : undefined;
    let line = 0;
    let column = 0;
    if (original !== undefined) {
      const position = this.sourceFile.getLineAndCharacterOfPosition(original.getStart(this.sourceFile));
      line = position.line + 1;
      column = position.character + 1;
    }
    let nameIndex = -1;
    if (name !== undefined) {
      nameIndex = this.nameIndex.get(name) ?? -1;
      if (nameIndex < 0) {
        nameIndex = this.names.push(name) - 1;
        this.nameIndex.set(name, nameIndex);
      }
    }
    this.sites.push(kind, line, column, nameIndex);
    return this.size - 1;
  }
}
