/**
 * The heart of no-floating-promises: given an expression whose value is dropped, find the promise in it
 * that nobody awaits, returns, stores or gives a rejection handler. Which values are promises is asked of an
 * oracle (types when available, syntax otherwise), so the walk itself is the same in both modes.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isArrayProducingCall, parsePromiseMethodCall, skipValueWrappers } from './floating-syntax';

/** `promise`: a promise (or, per options, a thenable) not allow-listed as safe; `array`: an array or tuple holding such. */
export type ValueKind = 'promise' | 'array' | 'none';

export interface PromiseOracle {
  classify(node: TSESTree.Expression): ValueKind;
  /** Passing this as a rejection handler does handle the rejection (it is a function, or may be one). */
  isHandler(node: TSESTree.Node): boolean;
  /**
   * Whether every value the expression's type allows is of this kind (`'all'`), or of this kind or
   * `undefined`/`null` (`'orNullish'`: `Promise<T> | undefined`), or may be something else (`'no'`).
   */
  everyPart(node: TSESTree.Expression, kind: Exclude<ValueKind, 'none'>): 'all' | 'orNullish' | 'no';
}

export type FloatingKind =
  /** Nothing at all is done with the promise. */
  | 'floating'
  /** `.then(onFulfilled)` or `.catch()`: a method was called but given no rejection handler. */
  | 'missingHandler'
  /** `.then(f, notAFunction)` / `.catch(notAFunction)`: the handler is ignored at run time. */
  | 'uselessHandler'
  /** `.finally(f)` passes the rejection through. */
  | 'finally'
  /** An array of promises, e.g. a dropped `xs.map(async …)`. */
  | 'array'
  /** `await xs.map(async …)`: awaiting an array does not wait for what is in it. */
  | 'awaitedArray';

export interface Finding {
  readonly kind: FloatingKind;
  /** The dropped expression: what is reported and what suggestions wrap. */
  readonly node: TSESTree.Expression;
  /** For handler findings, the method whose handler is missing or useless. */
  readonly method?: string;
}

export interface AnalysisOptions {
  readonly ignoreVoid: boolean;
}

interface Verdict {
  readonly kind: FloatingKind;
  readonly method?: string;
}

/** `await [a(), b()]` or `await xs.map(async …)`: awaiting an array does not wait for the promises inside it. */
function mayAwaitPromiseArray(argument: TSESTree.Expression): boolean {
  const inner = skipValueWrappers(argument);
  return inner.type === AST_NODE_TYPES.ArrayExpression || isArrayProducingCall(inner);
}

export function createFloatingAnalysis(oracle: PromiseOracle, options: AnalysisOptions) {
  function verdictOf(node: TSESTree.Expression): Verdict | undefined {
    const inner = skipValueWrappers(node);
    switch (inner.type) {
      // Values that can never be a promise: answer without asking the checker.
      case AST_NODE_TYPES.AssignmentExpression:
      case AST_NODE_TYPES.UpdateExpression:
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.Literal:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ClassExpression:
      case AST_NODE_TYPES.MetaProperty:
      case AST_NODE_TYPES.JSXElement:
      case AST_NODE_TYPES.JSXFragment:
      case AST_NODE_TYPES.ObjectExpression:
      // What `yield` evaluates to is whatever the consumer passes to next(); not worth a type query.
      case AST_NODE_TYPES.YieldExpression:
        return undefined;
      case AST_NODE_TYPES.CallExpression:
        // `super(...)` initialises `this`; it never evaluates to a promise.
        if (inner.callee.type === AST_NODE_TYPES.Super) return undefined;
        break;
      case AST_NODE_TYPES.UnaryExpression:
        if (inner.operator === 'void' && !options.ignoreVoid) return verdictOf(inner.argument);
        return undefined;
      case AST_NODE_TYPES.AwaitExpression:
        return mayAwaitPromiseArray(inner.argument) && oracle.classify(inner) === 'array' ? { kind: 'awaitedArray' } : undefined;
      case AST_NODE_TYPES.SequenceExpression:
        for (const expression of inner.expressions) {
          const verdict = verdictOf(expression);
          if (verdict) return verdict;
        }
        return undefined;
      // The value comes from one of the branches: each branch must be safe on its own.
      case AST_NODE_TYPES.ConditionalExpression:
        return verdictOf(inner.alternate) ?? verdictOf(inner.consequent);
      case AST_NODE_TYPES.LogicalExpression: {
        // `a && b` is `a` only when `a` is falsy, which a promise never is: a promise that is only read
        // there (`pending && pending.then(…)`) is tested, like `if (p)`, not dropped. A call's is dropped.
        const left = skipValueWrappers(inner.left);
        const testedOnly = inner.operator === '&&' && (left.type === AST_NODE_TYPES.Identifier || left.type === AST_NODE_TYPES.MemberExpression);
        return (testedOnly ? undefined : verdictOf(inner.left)) ?? verdictOf(inner.right);
      }
      default:
        break;
    }
    const valueKind = oracle.classify(inner);
    if (valueKind === 'array') return { kind: 'array' };
    if (valueKind === 'none') return undefined;
    if (inner.type !== AST_NODE_TYPES.CallExpression) return { kind: 'floating' };
    const methodCall = parsePromiseMethodCall(inner);
    if (!methodCall) return { kind: 'floating' };
    const { method } = methodCall;
    if (method === 'finally') {
      return verdictOf(methodCall.receiver) ? { kind: 'finally', method } : undefined;
    }
    // With a spread argument we cannot tell which argument is the handler; assume the author passed one.
    if (methodCall.hasSpread) return undefined;
    if (!methodCall.onRejected) return { kind: 'missingHandler', method };
    return oracle.isHandler(methodCall.onRejected) ? undefined : { kind: 'uselessHandler', method };
  }

  /** Every floating promise in a dropped expression; each operand of a comma expression is its own finding. */
  function findFloating(expression: TSESTree.Expression): Finding[] {
    const findings: Finding[] = [];
    const visit = (node: TSESTree.Expression): void => {
      if (node.type === AST_NODE_TYPES.SequenceExpression) {
        for (const operand of node.expressions) visit(operand);
        return;
      }
      const verdict = verdictOf(node);
      if (verdict) findings.push({ ...verdict, node });
    };
    visit(expression);
    return findings;
  }

  return { findFloating, verdictOf };
}
