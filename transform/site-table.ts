/**
 * One module's site table (docs/internals.md): every instrumented function, await/yield and call
 * gets a small local id; positions are 1-based line/column in the original source, computed from
 * the original node, so they do not depend on sourceMap or on other transformers.
 */
import type * as ts from 'typescript';
import { SiteKind } from '../src/runtime/site-kind';

export { SiteKind };

export class SiteTable {
  /**
   * Flat [kind, line, column, nameIndex] quadruples in local-id order. A site a task parks at (await,
   * yield, for await, await using) has no name; its fourth number is `-2 - f` instead, f being the
   * local id of the function it suspends: a parked task's function is known from where it parks,
   * so the runtime's tasks need not store it (docs/internals.md, "Site table"). Older runtimes read
   * any negative number there as "no name".
   */
  readonly sites: number[] = [];
  readonly names: string[] = [];
  private readonly nameIndex = new Map<string, number>();

  constructor(private readonly sourceFile: ts.SourceFile) {}

  get size(): number {
    return this.sites.length / 4;
  }

  /** `inFunction`: for a site a task parks at, the local id of the function it belongs to. */
  add(kind: SiteKind, node: ts.Node, name?: string, inFunction?: number): number {
    const original = node.pos >= 0 ? node : undefined;
    let line = 0;
    let column = 0;
    if (original !== undefined) {
      const position = this.sourceFile.getLineAndCharacterOfPosition(original.getStart(this.sourceFile));
      line = position.line + 1;
      // A byte-order mark is no column to an editor (transpileModule keeps it in the text; a Program's host strips it).
      column = position.character + (line === 1 && this.sourceFile.text.charCodeAt(0) === 0xfeff ? 0 : 1);
    }
    let nameIndex = -1;
    if (name !== undefined) {
      nameIndex = this.nameIndex.get(name) ?? -1;
      if (nameIndex < 0) {
        nameIndex = this.names.push(name) - 1;
        this.nameIndex.set(name, nameIndex);
      }
    }
    if (inFunction !== undefined) nameIndex = -2 - inFunction;
    this.sites.push(kind, line, column, nameIndex);
    return this.size - 1;
  }
}
