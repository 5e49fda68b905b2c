/**
 * Does a node run while the event loop is running? Yes inside async functions, promise callbacks and
 * executors, timer callbacks, event listeners and request handlers, and inside same-file functions that are
 * called only from those (a small call graph over scope references). No at module top level and in start-up
 * code (synchronous code reachable from the top level). Computed lazily, walking up from the node, memoized per function.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { type Origin, type OriginResolver, staticPropertyName } from './binding-origin';
import { askChecker } from './resolve-callee';
import { type TypeServices, isPromiseLikeType } from './types';
import * as tsutils from 'ts-api-utils';
import * as ts from 'typescript';
import { pushChildNodes } from './ast-children';

export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

export type LoopContext =
  | { readonly kind: 'async'; readonly fn: FunctionNode }
  | { readonly kind: 'promise-callback'; readonly method: string }
  | { readonly kind: 'promise-executor' }
  | { readonly kind: 'timer'; readonly api: string }
  | { readonly kind: 'listener'; readonly event: string | undefined }
  | { readonly kind: 'request-handler' }
  /** A same-file function called only from `from` (itself never `reachable`). */
  | { readonly kind: 'reachable'; readonly fn: FunctionNode; readonly name: string; readonly from: LoopContext };

/** Marks an edge back into a function whose callers are still being examined: it neither proves nor refutes. */
const CYCLE = Symbol('cycle');
type Answer = LoopContext | undefined | typeof CYCLE;

const TIMERS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask']);
const TIMER_MODULES = new Set(['globalThis', 'timers']);
const PROMISE_CALLBACK_ARGS: Record<string, number> = { then: 2, catch: 1, finally: 1 };
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener']);
// At these process events the loop is empty or over, or the process is going down: nothing else is waiting,
// and synchronous I/O is what belongs there.
const PROCESS_SHUTDOWN_EVENTS = new Set(['beforeExit', 'exit', 'uncaughtException', 'uncaughtExceptionMonitor']);
const SERVER_MODULES = new Set(['http', 'https', 'http2', 'net', 'tls']);
const SERVER_FACTORIES = new Set(['createServer', 'createSecureServer']);
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'use', 'all', 'options', 'head']);
// Callbacks these call synchronously, before returning: they run in the caller's context.
const SYNC_CALLBACK_METHODS = new Set([
  'forEach', 'map', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast',
  'findLastIndex', 'flatMap', 'sort', 'toSorted',
]);
const REQUEST_PARAM = /^req(uest)?$/i;
const RESPONSE_PARAM = /^(res(ponse)?|reply)$/i;
const MAX_CALL_DEPTH = 64;

function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression
  );
}

function paramName(param: TSESTree.Parameter | undefined): string | undefined {
  return param?.type === AST_NODE_TYPES.Identifier ? param.name : undefined;
}

/** Express/Fastify-style: `(req, res[, next])`, or an error handler `(err, req, res, next)`. */
function looksLikeRequestHandler(fn: FunctionNode): boolean {
  const names = fn.params.map(paramName);
  const at = names.length === 4 ? 1 : 0;
  return REQUEST_PARAM.test(names[at] ?? '') && RESPONSE_PARAM.test(names[at + 1] ?? '');
}

function stringValue(node: TSESTree.Node | undefined): string | undefined {
  if (node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node?.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

function isInside(node: TSESTree.Node, ancestor: TSESTree.Node): boolean {
  return node.range[0] >= ancestor.range[0] && node.range[1] <= ancestor.range[1];
}

export class EventLoopContexts {
  private readonly memo = new Map<FunctionNode, LoopContext | undefined>();
  /** Functions whose callers are being examined, with their depth. */
  private readonly stack = new Map<FunctionNode, number>();
  /** Shallowest stack depth a CYCLE answer pointed at since the current function was entered. */
  private lowestCycle = Infinity;
  /** Per class body: `this.<name>` member expressions by name (`#x` for private names). */
  private readonly thisMembers = new Map<TSESTree.ClassBody, Map<string, TSESTree.MemberExpression[]>>();

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly origins: OriginResolver,
    private readonly services: TypeServices | undefined,
  ) {}

  /** The context `node` is evaluated in, or undefined for start-up code and anything unknown. */
  of(node: TSESTree.Node): LoopContext | undefined {
    const answer = this.contextOf(node);
    return answer === CYCLE ? undefined : answer;
  }

  /** The context a function runs in when `argument` hands it to `call` (`files.forEach(fs.unlinkSync)`). */
  ofHandOff(call: TSESTree.CallExpression | TSESTree.NewExpression, argument: TSESTree.Node): LoopContext | undefined {
    const answer = this.callbackContext(call, argument, undefined);
    return answer === CYCLE ? undefined : answer;
  }

  /** The innermost function around `node` (not crossing class field initializers). */
  static enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
    for (let current = node.parent; current; current = current.parent) {
      if (isFunctionNode(current)) return current;
      if (current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.StaticBlock) return undefined;
    }
    return undefined;
  }

  private contextOf(node: TSESTree.Node): Answer {
    let child: TSESTree.Node = node;
    for (let current = node.parent; current; child = current, current = current.parent) {
      if (isFunctionNode(current)) return this.functionContext(current);
      // An instance field initializer runs inside whatever constructs the object: unknown.
      if (current.type === AST_NODE_TYPES.PropertyDefinition && !current.static && child === current.value) return undefined;
    }
    return undefined;
  }

  private functionContext(fn: FunctionNode): Answer {
    if (this.memo.has(fn)) return this.memo.get(fn);
    const depth = this.stack.get(fn);
    if (depth !== undefined) {
      this.lowestCycle = Math.min(this.lowestCycle, depth);
      return CYCLE;
    }
    if (this.stack.size >= MAX_CALL_DEPTH) return undefined;
    const myDepth = this.stack.size;
    const outerLowest = this.lowestCycle;
    this.lowestCycle = Infinity;
    this.stack.set(fn, myDepth);
    let answer: Answer;
    try {
      answer = this.computeFunctionContext(fn);
    } finally {
      this.stack.delete(fn);
    }
    // Complete unless a cycle pointed at a function still waiting for its own answer.
    const complete = this.lowestCycle >= myDepth;
    this.lowestCycle = Math.min(outerLowest, this.lowestCycle);
    if (!complete) return answer;
    const settled = answer === CYCLE ? undefined : answer;
    this.memo.set(fn, settled);
    return settled;
  }

  private computeFunctionContext(fn: FunctionNode): Answer {
    if (fn.async) return { kind: 'async', fn };
    const parent = fn.parent;
    if (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) {
      if (parent.callee === fn) return this.contextOf(parent); // an IIFE runs where it is written
      return this.callbackContext(parent, fn, fn);
    }
    return this.callersContext(fn);
  }

  /** The context a function runs in when handed as `argument` to `call`. */
  private callbackContext(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    argument: TSESTree.Node,
    fn: FunctionNode | undefined,
  ): Answer {
    const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
    const callee = call.callee;
    if (call.type === AST_NODE_TYPES.NewExpression) {
      return index === 0 && callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Promise' && this.origins.isGlobal(callee)
        ? { kind: 'promise-executor' }
        : undefined;
    }
    const name =
      callee.type === AST_NODE_TYPES.Identifier
        ? callee.name
        : callee.type === AST_NODE_TYPES.MemberExpression
          ? staticPropertyName(callee)
          : undefined;
    if (name === undefined) return undefined;

    // By the binding, not the local name: `import { setTimeout as delay } from 'node:timers'` is a timer.
    const origin =
      TIMERS.has(name) || SERVER_FACTORIES.has(name) || callee.type === AST_NODE_TYPES.Identifier ? this.origins.originOf(callee) : undefined;
    if (index === 0 && isExportOf(origin, TIMER_MODULES, TIMERS)) return { kind: 'timer', api: origin.name };
    if (name === 'nextTick' && index === 0 && callee.type === AST_NODE_TYPES.MemberExpression && this.isProcess(callee.object)) {
      return { kind: 'timer', api: 'process.nextTick' };
    }
    if (index === call.arguments.length - 1 && isExportOf(origin, SERVER_MODULES, SERVER_FACTORIES)) return { kind: 'request-handler' };
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;

    const promiseArgs = PROMISE_CALLBACK_ARGS[name];
    if (promiseArgs !== undefined && index < promiseArgs && this.mayBePromise(callee.object)) {
      return { kind: 'promise-callback', method: name };
    }
    if (LISTENER_METHODS.has(name) && index === 1) {
      const event = stringValue(call.arguments[0]);
      if (event !== undefined && PROCESS_SHUTDOWN_EVENTS.has(event) && this.isProcess(callee.object)) return undefined;
      return { kind: 'listener', event };
    }
    if (ROUTE_METHODS.has(name) && fn && looksLikeRequestHandler(fn)) return { kind: 'request-handler' };
    if (SYNC_CALLBACK_METHODS.has(name)) return this.contextOf(call);
    return undefined;
  }

  /**
   * A named same-file function, or a private method: in a loop context only if every use of it is a call
   * (or a hand-off as a callback) from one.
   */
  private callersContext(fn: FunctionNode): Answer {
    const uses = this.usesOf(fn);
    if (!uses) return undefined;
    let found: LoopContext | undefined;
    let sawCycle = false;
    for (const site of uses.sites) {
      if (isInside(site, fn)) continue; // recursion
      const answer = this.useContext(site, fn);
      if (answer === CYCLE) {
        sawCycle = true;
        continue;
      }
      if (!answer) return undefined;
      found ??= answer.kind === 'reachable' ? answer.from : answer;
    }
    if (found) return { kind: 'reachable', fn, name: uses.name, from: found };
    return sawCycle ? CYCLE : undefined;
  }

  private useContext(site: TSESTree.Node, fn: FunctionNode): Answer {
    const parent = site.parent;
    if (parent?.type !== AST_NODE_TYPES.CallExpression && parent?.type !== AST_NODE_TYPES.NewExpression) return undefined;
    if (parent.callee === site) return this.contextOf(parent);
    return this.callbackContext(parent, site, fn);
  }

  /** Every place the function is used, or undefined when something outside this file may call it. */
  private usesOf(fn: FunctionNode): { name: string; sites: TSESTree.Node[] } | undefined {
    if (fn.parent.type === AST_NODE_TYPES.MethodDefinition) return this.privateMethodUses(fn.parent);
    const binding = this.bindingOf(fn);
    if (!binding) return undefined;
    const sites: TSESTree.Node[] = [];
    for (const reference of binding.variable.references) {
      if (reference.init) continue;
      if (reference.isWrite()) return undefined;
      if (reference.isValueReference) sites.push(reference.identifier);
    }
    return { name: binding.name, sites };
  }

  /** `private m()` / `#m()`: only `this.m` inside the class can reach it. */
  private privateMethodUses(method: TSESTree.MethodDefinition): { name: string; sites: TSESTree.Node[] } | undefined {
    if (method.kind !== 'method' || method.computed) return undefined;
    const key = method.key;
    const name =
      key.type === AST_NODE_TYPES.PrivateIdentifier
        ? `#${key.name}`
        : method.accessibility === 'private' && key.type === AST_NODE_TYPES.Identifier
          ? key.name
          : undefined;
    if (name === undefined) return undefined;
    const classBody = method.parent;
    let members = this.thisMembers.get(classBody);
    if (!members) {
      members = collectThisMembers(classBody, this.sourceCode.visitorKeys);
      this.thisMembers.set(classBody, members);
    }
    const className = classBody.parent.id?.name;
    return { name: className ? `${className}.${name}` : name, sites: members.get(name) ?? [] };
  }

  /** The variable a function is bound to, unless it is exported (then anything may call it). */
  private bindingOf(fn: FunctionNode): { variable: TSESLint.Scope.Variable; name: string } | undefined {
    let declarationNode: TSESTree.Node;
    let name: string;
    if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
      if (!fn.id) return undefined;
      declarationNode = fn;
      name = fn.id.name;
    } else {
      const declarator = fn.parent;
      if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== fn) return undefined;
      if (declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
      declarationNode = declarator;
      name = declarator.id.name;
    }
    const statement = declarationNode.type === AST_NODE_TYPES.VariableDeclarator ? declarationNode.parent : declarationNode;
    const container = statement?.parent;
    if (
      container?.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      container?.type === AST_NODE_TYPES.ExportDefaultDeclaration
    ) {
      return undefined;
    }
    const variable = this.sourceCode.scopeManager
      ?.getDeclaredVariables(declarationNode)
      .find((candidate) => candidate.name === name);
    return variable ? { variable, name } : undefined;
  }

  private isProcess(node: TSESTree.Node): boolean {
    const origin = this.origins.originOf(node);
    return (origin?.kind === 'export' && origin.module === 'globalThis' && origin.name === 'process') ||
      (origin?.kind === 'module' && origin.module === 'process');
  }

  /** Without types any `.then/.catch/.finally` counts; with types the receiver must be promise-like (or untyped). */
  private mayBePromise(receiver: TSESTree.Node): boolean {
    const services = this.services;
    if (!services) return true;
    return askChecker(() => {
      const type = services.typeOf(receiver);
      if (tsutils.isTypeFlagSet(type, ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
      return isPromiseLikeType(services, receiver, type);
    }, false);
  }
}

function isExportOf(
  origin: Origin | undefined,
  modules: ReadonlySet<string>,
  names: ReadonlySet<string>,
): origin is Extract<Origin, { kind: 'export' }> {
  return origin?.kind === 'export' && modules.has(origin.module) && names.has(origin.name);
}

function collectThisMembers(
  root: TSESTree.Node,
  visitorKeys: Readonly<Record<string, readonly string[] | undefined>>,
): Map<string, TSESTree.MemberExpression[]> {
  const members = new Map<string, TSESTree.MemberExpression[]>();
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression) {
      const name = node.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${node.property.name}` : staticPropertyName(node);
      if (name !== undefined) {
        const list = members.get(name);
        if (list) list.push(node);
        else members.set(name, [node]);
      }
    }
    pushChildNodes(node, visitorKeys, stack);
  }
  return members;
}
