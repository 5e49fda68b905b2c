/**
 * Which sites `no-async-void-callback` looks at: the rule's options, the syntax-only
 * filters that spare the checker, and the callees syntax alone proves ignore their callback.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isUnshadowedPromise } from './async-callback-fixes';
import { isProcessNextTickSite } from './process-next-tick';
import { isPromiseLikeType, type TypeServices } from './types';
import {
  calleeName,
  isGlobalReference,
  isPossiblyFunctionAnnotation,
  type ValueSite,
} from './void-callback-sites';
import type { FunctionNode } from './enclosing-function';

export interface SiteOptions {
  checksJsxAttributes?: boolean;
  checksProperties?: boolean;
  checksVariables?: boolean;
  checksReturns?: boolean;
  ignoredCallees?: string[];
}

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Callees that ignore their callback's result, known without type information. */
const TIMER_FUNCTIONS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask']);
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

export function siteEnabled(site: ValueSite, options: SiteOptions, sourceCode: SourceCode): boolean {
  switch (site.kind) {
    case 'argument':
      return !isIgnoredCallee(site.call.callee, options.ignoredCallees ?? [], sourceCode);
    case 'property':
    case 'classProperty':
      return options.checksProperties !== false;
    case 'variable':
    case 'assignment':
    case 'element':
      return options.checksVariables !== false;
    case 'return':
      return options.checksReturns !== false;
    case 'attribute':
      return options.checksJsxAttributes !== false;
  }
}

/** `get` matches `get(…)` and `x.get(…)`; `app.get` matches `app.get(…)` and `this.app.get(…)`. */
function isIgnoredCallee(callee: TSESTree.Expression, ignoredCallees: readonly string[], sourceCode: SourceCode): boolean {
  if (ignoredCallees.length === 0) return false;
  const name = calleeName(callee);
  const path = sourceCode.getText(callee).replace(/\s+/g, '').replace(/\?\./g, '.');
  return ignoredCallees.some((entry) => (entry.includes('.') ? path === entry || path.endsWith(`.${entry}`) : name === entry));
}

/** Syntax filters that spare the checker: only annotations that could be function types. */
export function siteWorthTyping(site: ValueSite): boolean {
  switch (site.kind) {
    case 'variable': {
      const annotation = site.declarator.id.typeAnnotation?.typeAnnotation;
      return annotation !== undefined && isPossiblyFunctionAnnotation(annotation);
    }
    case 'classProperty': {
      const annotation = site.property.typeAnnotation?.typeAnnotation;
      return annotation !== undefined && isPossiblyFunctionAnnotation(annotation);
    }
    case 'return': {
      const annotation = site.owner.returnType?.typeAnnotation;
      if (annotation) return isPossiblyFunctionAnnotation(annotation);
      // Without an annotation only a contextually typed function expression has an expected return type.
      return site.owner.type !== AST_NODE_TYPES.FunctionDeclaration && !isClassMember(site.owner);
    }
    case 'assignment':
      return (
        site.assignment.left.type === AST_NODE_TYPES.Identifier ||
        site.assignment.left.type === AST_NODE_TYPES.MemberExpression
      );
    default:
      return true;
  }
}

function isClassMember(fn: FunctionNode): boolean {
  const parent = fn.parent;
  return parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.TSAbstractMethodDefinition;
}

/** `promise.finally(cb)` is typed `() => void` but waits for a promise `cb` returns. */
export function isPromiseFinally(services: TypeServices, site: ValueSite): boolean {
  if (site.kind !== 'argument') return false;
  const callee = site.call.callee;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    calleeName(callee) === 'finally' &&
    isPromiseLikeType(services, callee.object)
  );
}

/** What syntax alone proves: `.forEach(cb)`, `.on(event, cb)` and friends, global timers, `process.nextTick`. */
export function untypedExpectsVoid(sourceCode: SourceCode, site: ValueSite): boolean {
  if (site.kind !== 'argument' || site.afterSpread || site.call.type !== AST_NODE_TYPES.CallExpression) {
    return false;
  }
  if (isProcessNextTickSite(sourceCode, site)) return true;
  const callee = site.call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) {
    return site.index === 0 && TIMER_FUNCTIONS.has(callee.name) && isGlobalReference(sourceCode, callee);
  }
  const name = callee.type === AST_NODE_TYPES.MemberExpression ? calleeName(callee) : undefined;
  if (name === 'forEach') return site.index === 0;
  return name !== undefined && LISTENER_METHODS.has(name) && site.index === 1;
}

/** The executor of `new Promise(…)`, with the global `Promise`. */
export function isPromiseExecutorSite(
  sourceCode: SourceCode,
  site: ValueSite,
): site is Extract<ValueSite, { kind: 'argument' }> {
  return (
    site.kind === 'argument' &&
    site.index === 0 &&
    site.call.type === AST_NODE_TYPES.NewExpression &&
    isUnshadowedPromise(sourceCode, site.call.callee)
  );
}
