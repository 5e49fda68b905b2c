/**
 * no-async-void-callback: a promise-returning function handed to a place that ignores what
 * it returns (`forEach`, event listeners, timers, `new Promise` executors, `() => void` types).
 * Nothing awaits the promise, so a rejection becomes an `unhandledRejection`.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { removeAsyncFix } from '../src/analysis/async-callback-fixes';
import { declaredCallResult } from '../src/analysis/declared-types';
import { bodyFactsOf } from '../src/analysis/function-body-facts';
import { isProcessNextTickSite } from '../src/analysis/process-next-tick';
import { getTypeServices, type TypeServices } from '../src/analysis/types';
import {
  isPromiseExecutorSite,
  isPromiseFinally,
  siteEnabled,
  siteWorthTyping,
  untypedExpectsVoid,
  type SiteOptions,
} from '../src/analysis/void-callback-filters';
import { describeReference, reportVoidSite, type VoidCallbackMessageId } from '../src/analysis/void-callback-report';
import {
  calleeName,
  headLocation,
  isNeverPromise,
  localBindingOf,
  returnShapeOf,
  valueSiteOf,
  type ReturnShape,
  type ValueSite,
} from '../src/analysis/void-callback-sites';
import type { FunctionNode } from '../src/analysis/enclosing-function';
import {
  assignmentTargetMayTakeFunction,
  calleeMayExpectVoidCallback,
  siteExpectsVoid,
  valueReturnsPromise,
} from '../src/analysis/void-expectation';
import { isFullyGuardedBody } from '../src/analysis/void-guarded-body';
import {
  inheritedVoidMember, inheritedVoidSignature, mayOverrideWithPromise, maySignPromise,
} from '../src/analysis/void-inherited-method';
import { createRule } from '../src/util/create-rule';
import type * as ts from 'typescript';

export type NoAsyncVoidCallbackOptions = SiteOptions;

type MessageId = VoidCallbackMessageId;

const IGNORED = ' ignores the returned promise, so its rejection is unhandled and nothing waits for it.';
const CALLERS_IGNORE = 'callers ignore the returned promise, so its rejection is unhandled and nothing waits for it.';

interface Frame {
  fn: FunctionNode;
  /** A `return <expr>` whose value could be a promise. */
  returnsValue: boolean;
}

/** A named value (identifier, `obj.method`, `fn.bind(x)`, `f as T`, `f!`) flowing into a site; judged at the end of the file. */
type ReferenceValue =
  | TSESTree.Identifier
  | TSESTree.MemberExpression
  | TSESTree.CallExpression
  | TSESTree.TSAsExpression
  | TSESTree.TSTypeAssertion
  | TSESTree.TSNonNullExpression
  | TSESTree.TSSatisfiesExpression;

export default createRule<[NoAsyncVoidCallbackOptions], MessageId>({
  name: 'no-async-void-callback',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow async (promise-returning) functions where a void-returning callback is expected, so their rejections are not lost',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      voidArgument: `{{fn}} passed to {{callee}} where a void-returning callback is expected: {{callee}}${IGNORED}`,
      promiseExecutor:
        '{{fn}} passed as the executor of `new Promise`: a throw inside it rejects the async function\'s own promise instead of the new one, so that rejection is unhandled and the new promise may never settle.',
      voidProperty: `{{fn}} assigned to property {{name}}, which expects a void-returning function: ${CALLERS_IGNORE}`,
      voidVariable: `{{fn}} assigned to {{name}}, which is typed to return void: ${CALLERS_IGNORE}`,
      voidReturn: `{{fn}} returned where a void-returning function is expected: ${CALLERS_IGNORE}`,
      voidAttribute: `{{fn}} passed to JSX attribute {{name}}, which expects a void-returning handler: the component${IGNORED}`,
      voidInheritedMethod:
        '{{fn}} `{{name}}` overrides `{{owner}}.{{name}}`, which returns void: callers through `{{owner}}` ignore the promise, so its rejection is unhandled.',
      suggestPromiseAll:
        'Await all callbacks with `await Promise.all(….map(…))`: they still run concurrently, and a rejection reaches the caller.',
      suggestForOf:
        'Rewrite as a `for…of` loop: elements are handled one after another, and a rejection reaches the caller.',
      suggestRemoveAsync:
        'Remove `async`: the executor never awaits, and without `async` a throw rejects the new promise.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checksJsxAttributes: {
            type: 'boolean',
            description: 'Report promise-returning functions passed to JSX attributes typed `() => void`.',
          },
          checksProperties: {
            type: 'boolean',
            description: 'Report them in object and class properties typed `() => void`.',
          },
          checksVariables: {
            type: 'boolean',
            description: 'Report them in variables, assignments and array elements typed `() => void`.',
          },
          checksReturns: {
            type: 'boolean',
            description: 'Report them returned from functions whose return type is `() => void`.',
          },
          ignoredCallees: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description:
              'Calls whose callbacks are not checked: a name (`get` matches `get(…)` and `x.get(…)`) or a dotted path (`app.get`).',
          },
        },
      },
    ],
  },
  defaultOptions: [
    { checksJsxAttributes: true, checksProperties: true, checksVariables: true, checksReturns: true, ignoredCallees: [] },
  ],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const services = getTypeServices(context);
    const frames: Frame[] = [];
    const shapes = new Map<FunctionNode, ReturnShape>();
    const pendingFunctions: FunctionNode[] = [];
    const pendingReferences: ReferenceValue[] = [];
    const calleeSignatures = new WeakMap<TSESTree.Node, readonly ts.Signature[]>();
    const promiseReturning = new WeakMap<TSESTree.Node, boolean>();

    /**
     * Judge one value; `shape` is what syntax knows about its result, `fn` the inline function if any.
     * `describe` runs only for a report: most values pass through without one.
     */
    function check(value: TSESTree.Node, shape: ReturnShape, fn: FunctionNode | undefined, describe: () => string): void {
      if (shape === 'never') return;
      const site = valueSiteOf(value);
      if (!site || !siteEnabled(site, options, sourceCode)) return;
      const locate = (): TSESTree.SourceLocation => (fn && fn === value ? headLocation(sourceCode, fn) : value.loc);
      if (shape === 'promise' && isPromiseExecutorSite(sourceCode, site)) {
        const removeAsync = fn && fn === value && !bodyFactsOf(fn, sourceCode.visitorKeys).hasAwait ? removeAsyncFix(sourceCode, fn) : undefined;
        context.report({
          loc: locate(),
          messageId: 'promiseExecutor',
          data: { fn: describe() },
          suggest: removeAsync ? [{ messageId: 'suggestRemoveAsync', fix: removeAsync }] : [],
        });
        return;
      }
      if (fn && isFullyGuardedBody(fn, sourceCode.visitorKeys)) return;
      if (services) {
        if (!siteWorthTyping(site) || isPromiseFinally(services, site)) return;
        // Cheapest question first: for arguments the callee's declared parameters; elsewhere the
        // expected type, which usually comes from an annotation, before inferring the value's type.
        if (site.kind === 'argument') {
          // @types/node types the callback of `process.nextTick` as `Function`: known by name, not type.
          const nextTick = isProcessNextTickSite(sourceCode, site);
          if (!nextTick && !site.afterSpread && !calleeMayExpectVoidCallback(services, site.call, site.index, calleeSignatures)) return;
          if (shape === 'maybe' && !returnsPromise(services, value)) return;
          if (!nextTick && !siteExpectsVoid(services, site, value)) return;
        } else {
          if (site.kind === 'assignment' && !assignmentTargetMayTakeFunction(services, site.assignment.left, declaredNameOf(site.assignment.left))) {
            return;
          }
          if (!siteExpectsVoid(services, site, value)) return;
          if (shape === 'maybe' && !returnsPromise(services, value)) return;
        }
      } else if (shape !== 'promise' || !untypedExpectsVoid(sourceCode, site)) {
        return;
      }
      reportVoidSite(context, services, { site, value, loc: locate(), fn: describe(), inline: fn });
    }

    function declaredNameOf(target: TSESTree.Node): TSESTree.Identifier | undefined {
      return target.type === AST_NODE_TYPES.Identifier ? localBindingOf(sourceCode, target).declaredName : undefined;
    }

    function checkReference(value: ReferenceValue): void {
      const site = valueSiteOf(value);
      if (!site || !siteEnabled(site, options, sourceCode)) return;
      if (services ? !siteWorthTyping(site) : !untypedExpectsVoid(sourceCode, site) && !isPromiseExecutorSite(sourceCode, site)) return;
      // Most references are plain arguments (`log(user)`): the callee's declared parameter, cached
      // per call, rules them out before the scope and symbol lookups below. `check` asks the same.
      if (
        services &&
        site.kind === 'argument' &&
        !site.afterSpread &&
        !calleeMayExpectVoidCallback(services, site.call, site.index, calleeSignatures) &&
        !isPromiseExecutorSite(sourceCode, site) &&
        !isProcessNextTickSite(sourceCode, site)
      ) {
        return;
      }
      let declaredName: TSESTree.Identifier | undefined;
      if (value.type === AST_NODE_TYPES.Identifier) {
        const binding = localBindingOf(sourceCode, value);
        // With types, an annotated declaration (`const f: () => void = async …`) has the annotation's
        // type, as the checker says: the async function was judged where it was assigned.
        const local = services && binding.fn && isAnnotatedBinding(binding.fn) ? undefined : binding.fn;
        if (local) {
          if (isFullyGuardedBody(local, sourceCode.visitorKeys) && !isPromiseExecutorSite(sourceCode, site)) return;
          const shape = shapes.get(local) ?? 'maybe';
          check(value, shape, undefined, () => describeReference(sourceCode, value, shape === 'promise'));
          return;
        }
        if (value.name === 'undefined') return;
        declaredName = binding.declaredName;
        // A binding of this module: its declaration is read off the tree, no name resolution.
        if (services && declaredName && judgeByDeclaration(value, declaredName)) return;
      }
      // Without types only local functions are known.
      if (!services) return;
      // Under a declaration's annotation (`const v: Adapter = imported`) the expected type is read off it, which
      // is cheaper than the value's own type when that is inferred from another module's code
      // (effect's McpProtocol.ts: 3.8 s for one such reference, 0 ms with this order).
      if (hasAnnotatedTarget(site) && !siteExpectsVoid(services, site, value)) return;
      // Otherwise the value's own type is the cheapest type question left (a contextual type or a
      // target's symbol costs more) and rules out nearly every value: few are promise-returning functions.
      if (!returnsPromise(services, value)) return;
      if (value.type === AST_NODE_TYPES.Identifier && !declaredName && judgeByDeclaration(value, undefined)) return;
      check(value, 'maybe', undefined, () => describeReference(sourceCode, value, false));
    }

    /** Judges an identifier by its declaration when that decides; false when only its type can tell. */
    function judgeByDeclaration(value: TSESTree.Identifier, declaredName: TSESTree.Identifier | undefined): boolean {
      const declared = declaredCallResult(services!, value, declaredName);
      if (declared === 'never') return true;
      if (declared === 'unknown') return false;
      check(value, 'promise', undefined, () => describeReference(sourceCode, value, false));
      return true;
    }

    function returnsPromise(typed: TypeServices, value: TSESTree.Node): boolean {
      let answer = promiseReturning.get(value);
      if (answer === undefined) promiseReturning.set(value, (answer = valueReturnsPromise(typed, value)));
      return answer;
    }

    /**
     * A declaration's own annotation, read off it. Not a return type: nearly every annotated function
     * returns values that are not functions, which their own (already checked) type rules out more
     * cheaply than the contextual type of each `return` (measured on mongodb: +23 % rule time).
     */
    function hasAnnotatedTarget(site: ValueSite): boolean {
      switch (site.kind) {
        case 'variable':
          return site.declarator.id.typeAnnotation !== undefined;
        case 'classProperty':
          return site.property.typeAnnotation !== undefined;
        default:
          return false;
      }
    }

    function isAnnotatedBinding(fn: FunctionNode): boolean {
      return fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.typeAnnotation !== undefined;
    }

    /**
     * A promise-returning method, or a property holding a promise-returning function, overriding a
     * void-returning member of a base class or interface.
     */
    function checkInheritedMember(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.AccessorProperty): void {
      if (!services || !mayOverrideWithPromise(member) || isFullyGuardedBody(member.value, sourceCode.visitorKeys)) return;
      const inherited = inheritedVoidMember(services, member);
      if (!inherited) return;
      const kind = member.type === AST_NODE_TYPES.MethodDefinition ? 'method' : 'function';
      context.report({
        loc: headLocation(sourceCode, member.value),
        messageId: 'voidInheritedMethod',
        data: { fn: member.value.async ? `Async ${kind}` : `Promise-returning ${kind}`, ...inherited },
      });
    }

    /** An interface member typed to return a promise, where an interface it extends says void. */
    function checkInheritedSignatures(declaration: TSESTree.TSInterfaceDeclaration): void {
      if (!services || declaration.extends.length === 0) return;
      for (const member of declaration.body.body) {
        if (!maySignPromise(member)) continue;
        const inherited = inheritedVoidSignature(services, member, declaration);
        if (!inherited) continue;
        const kind = member.type === AST_NODE_TYPES.TSMethodSignature ? 'method' : 'function';
        context.report({ node: member.key, messageId: 'voidInheritedMethod', data: { fn: `Promise-returning ${kind}`, ...inherited } });
      }
    }

    function isReferenceValue(node: TSESTree.Node | null | undefined): node is ReferenceValue {
      if (!node) return false;
      if (node.type === AST_NODE_TYPES.Identifier) return true;
      if (!services) return false;
      switch (node.type) {
        case AST_NODE_TYPES.MemberExpression:
        case AST_NODE_TYPES.TSAsExpression:
        case AST_NODE_TYPES.TSTypeAssertion:
        case AST_NODE_TYPES.TSNonNullExpression:
        case AST_NODE_TYPES.TSSatisfiesExpression:
          return true;
      }
      return (
        node.type === AST_NODE_TYPES.CallExpression &&
        node.callee.type === AST_NODE_TYPES.MemberExpression &&
        calleeName(node.callee) === 'bind'
      );
    }

    function collect(node: TSESTree.Node | null | undefined): void {
      if (isReferenceValue(node)) pendingReferences.push(node);
      // The value may come from either branch (`handler ?? noop`, `cond ? onSave : noop`); the left of
      // `&&` only when falsy, which a function never is.
      else if (node?.type === AST_NODE_TYPES.ConditionalExpression) {
        collect(node.consequent);
        collect(node.alternate);
      } else if (node?.type === AST_NODE_TYPES.LogicalExpression) {
        if (node.operator !== '&&') collect(node.left);
        collect(node.right);
      }
    }

    function enterFunction(fn: FunctionNode): void {
      frames.push({ fn, returnsValue: false });
    }

    function exitFunction(): void {
      const frame = frames.pop();
      if (!frame) return;
      const shape = returnShapeOf(frame.fn, frame.returnsValue);
      shapes.set(frame.fn, shape);
      if (frame.fn.type !== AST_NODE_TYPES.FunctionDeclaration && shape !== 'never') pendingFunctions.push(frame.fn);
    }

    return {
      ArrowFunctionExpression: enterFunction,
      FunctionExpression: enterFunction,
      FunctionDeclaration: enterFunction,
      'ArrowFunctionExpression:exit': exitFunction,
      'FunctionExpression:exit': exitFunction,
      'FunctionDeclaration:exit': exitFunction,
      ReturnStatement(node) {
        const frame = frames[frames.length - 1];
        if (!frame) return;
        if (node.argument && !isNeverPromise(node.argument)) frame.returnsValue = true;
        collect(node.argument);
      },
      'CallExpression, NewExpression'(node: TSESTree.CallExpression | TSESTree.NewExpression) {
        for (const argument of node.arguments) collect(argument);
      },
      Property(node) {
        if (node.kind === 'init' && !node.method && node.parent.type === AST_NODE_TYPES.ObjectExpression) {
          collect(node.value);
        }
      },
      MethodDefinition: checkInheritedMember,
      PropertyDefinition: checkInheritedMember,
      AccessorProperty: checkInheritedMember,
      TSInterfaceDeclaration: checkInheritedSignatures,
      'PropertyDefinition, AccessorProperty'(node: TSESTree.PropertyDefinition | TSESTree.AccessorProperty) {
        collect(node.value);
      },
      VariableDeclarator(node) {
        if (services) collect(node.init);
      },
      AssignmentExpression(node) {
        if (services && node.operator === '=') collect(node.right);
      },
      JSXExpressionContainer(node) {
        if (services && node.parent.type === AST_NODE_TYPES.JSXAttribute) collect(node.expression as TSESTree.Node);
      },
      'Program:exit'() {
        for (const fn of pendingFunctions) {
          check(fn, shapes.get(fn) ?? 'maybe', fn, () => (fn.async ? 'Async function' : 'Promise-returning function'));
        }
        for (const reference of pendingReferences) checkReference(reference);
      },
    };
  },
});
