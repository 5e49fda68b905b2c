/**
 * How `no-async-void-callback` words a finding: the message for each kind of site, what it
 * names (callee, property, target), and the `forEach` suggestions. Runs only for a report.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { awaitableForEach, forOfFix, promiseAllFix } from './async-callback-fixes';
import { bodyFactsOf } from './function-body-facts';
import type { TypeServices } from './types';
import type { FunctionNode } from './enclosing-function';
import { calleeName, type ValueSite } from './void-callback-sites';

export type VoidCallbackMessageId =
  | 'voidArgument'
  | 'promiseExecutor'
  | 'voidProperty'
  | 'voidVariable'
  | 'voidReturn'
  | 'voidAttribute'
  | 'voidInheritedMethod'
  | 'suggestPromiseAll'
  | 'suggestForOf'
  | 'suggestRemoveAsync';

type Context = Readonly<TSESLint.RuleContext<VoidCallbackMessageId, readonly unknown[]>>;

export interface VoidSiteReport {
  site: ValueSite;
  value: TSESTree.Node;
  loc: TSESTree.SourceLocation;
  /** How the value is described (`Async function \`handler\``). */
  fn: string;
  /** The inline function, when the value is one. */
  inline: FunctionNode | undefined;
}

export function reportVoidSite(context: Context, services: TypeServices | undefined, finding: VoidSiteReport): void {
  const { site, loc, fn } = finding;
  const sourceCode = context.sourceCode;
  switch (site.kind) {
    case 'argument': {
      const name = calleeName(site.call.callee);
      context.report({
        loc,
        messageId: 'voidArgument',
        data: { fn, callee: name ? `\`${name}\`` : 'the callee' },
        suggest: forEachSuggestions(sourceCode, services, site, finding.value, finding.inline),
      });
      return;
    }
    case 'property':
    case 'classProperty': {
      const { property } = site;
      // getPropertyName does not take an `accessor` field; its key reads the same way.
      const name = property.computed
        ? undefined
        : property.type === AST_NODE_TYPES.AccessorProperty
          ? property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : String(property.key.value)
          : ASTUtils.getPropertyName(property);
      context.report({ loc, messageId: 'voidProperty', data: { fn, name: name ? `\`${name}\`` : 'this property' } });
      return;
    }
    case 'variable':
    case 'assignment':
    case 'element': {
      const target =
        site.kind === 'variable' ? site.declarator.id : site.kind === 'assignment' ? site.assignment.left : undefined;
      context.report({ loc, messageId: 'voidVariable', data: { fn, name: describeTarget(sourceCode, target) } });
      return;
    }
    case 'return':
      context.report({ loc, messageId: 'voidReturn', data: { fn } });
      return;
    case 'attribute': {
      const attributeName = sourceCode.getText(site.attribute.name);
      context.report({ loc, messageId: 'voidAttribute', data: { fn, name: `\`${attributeName}\`` } });
      return;
    }
  }
}

/** `Async function \`x.handle\``, or just the kind when the text is long or spans lines. */
export function describeReference(sourceCode: Readonly<TSESLint.SourceCode>, value: TSESTree.Node, async: boolean): string {
  const text = sourceCode.getText(value);
  const kind = async ? 'Async function' : 'Promise-returning function';
  return text.length <= 40 && !text.includes('\n') ? `${kind} \`${text}\`` : kind;
}

function describeTarget(sourceCode: Readonly<TSESLint.SourceCode>, target: TSESTree.Node | undefined): string {
  if (!target) return 'an array element';
  const text = target.type === AST_NODE_TYPES.Identifier ? target.name : sourceCode.getText(target);
  return text.length <= 40 ? `\`${text}\`` : 'a target';
}

function forEachSuggestions(
  sourceCode: Readonly<TSESLint.SourceCode>,
  services: TypeServices | undefined,
  site: Extract<ValueSite, { kind: 'argument' }>,
  value: TSESTree.Node,
  inline: FunctionNode | undefined,
): TSESLint.SuggestionReportDescriptor<VoidCallbackMessageId>[] {
  if (
    !services ||
    !inline ||
    inline !== value ||
    !inline.async ||
    site.index !== 0 ||
    site.call.type !== AST_NODE_TYPES.CallExpression ||
    calleeName(site.call.callee) !== 'forEach'
  ) {
    return [];
  }
  const awaitable = awaitableForEach(sourceCode, services, site.call);
  if (!awaitable) return [];
  const suggestions: TSESLint.SuggestionReportDescriptor<VoidCallbackMessageId>[] = [
    { messageId: 'suggestPromiseAll', fix: promiseAllFix(site.call, awaitable.callee) },
  ];
  const forOf = forOfFix(sourceCode, awaitable.statement, awaitable.callee, inline, bodyFactsOf(inline, sourceCode.visitorKeys));
  if (forOf) suggestions.push({ messageId: 'suggestForOf', fix: forOf });
  return suggestions;
}
