/**
 * no-blocking-call: a synchronous blocking call (`readFileSync`, `execSync`, `pbkdf2Sync`, `Atomics.wait`,
 * node:sqlite statements, a busy-wait loop) evaluated while the event loop is running — in async code,
 * callbacks, listeners, request handlers, or functions only they call. Start-up code is left alone.
 * Calls are filtered by name first; only candidates are resolved (scope, then checker) and placed in context.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import { asyncAlternativeFix } from '../src/analysis/async-alternative-fix';
import { OriginResolver, staticPropertyName } from '../src/analysis/binding-origin';
import type { BlockingApi } from '../src/analysis/blocking-apis';
import { alternativeLabel, alternativeName, apiLabel, describeContext } from '../src/analysis/blocking-messages';
import { busyWaitClock, type LoopStatement } from '../src/analysis/busy-wait';
import { EventLoopContexts } from '../src/analysis/event-loop-context';
import { ApiIndex, type ApiSpec, CalleeResolver, calleeName } from '../src/analysis/resolve-callee';
import { getTypeServices } from '../src/analysis/types';
import { isWorkerScript } from '../src/analysis/worker-script';
import { createRule } from '../src/util/create-rule';

export type MessageId = 'blockingCall' | 'blockingCallNoAlternative' | 'busyWait' | 'useAsyncAlternative' | 'useAsyncMethod';
export type Options = [{ additionalApis?: ApiSpec[]; allow?: ApiSpec[] }];

const apiSpecSchema: JSONSchema4 = {
  oneOf: [
    {
      type: 'object',
      properties: { module: { type: 'string', minLength: 1 }, name: { type: 'string', minLength: 1 } },
      required: ['module', 'name'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: {
        module: { type: 'string', minLength: 1 },
        className: { type: 'string', minLength: 1 },
        method: { type: 'string', minLength: 1 },
      },
      required: ['module', 'className', 'method'],
      additionalProperties: false,
    },
  ],
};

// One index per distinct options value: rules are created once per file.
const indexes = new Map<string, ApiIndex>();
function apiIndexFor(options: Options[0]): ApiIndex {
  const key = JSON.stringify([options.additionalApis ?? [], options.allow ?? []]);
  let index = indexes.get(key);
  if (!index) {
    index = new ApiIndex(options.additionalApis ?? [], options.allow ?? []);
    if (indexes.size > 16) indexes.clear();
    indexes.set(key, index);
  }
  return index;
}

export default createRule<Options, MessageId>({
  name: 'no-blocking-call',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow synchronous blocking calls and busy-wait loops while the event loop is running',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      blockingCall:
        '`{{name}}` blocks the event loop {{where}}: every other request waits until it returns. Use {{alternative}}.',
      blockingCallNoAlternative:
        '`{{name}}` blocks the event loop {{where}}: every other request waits until it returns. Move it to a worker thread (`node:worker_threads`) or to start-up code.',
      busyWait:
        'This loop spins on `{{clock}}` {{where}}: it blocks the event loop until the time is up and nothing else runs meanwhile. Use `await setTimeout()` from `node:timers/promises`.',
      useAsyncAlternative: 'Replace with `await {{alternative}}()` from `node:{{module}}`.',
      useAsyncMethod: 'Replace with `await {{alternative}}()`.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          additionalApis: { type: 'array', items: apiSpecSchema, description: 'More blocking APIs: `{ module, name }` or `{ module, className, method }`.' },
          allow: { type: 'array', items: apiSpecSchema, description: 'Catalogued APIs not to report, same shape.' },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ additionalApis: [], allow: [] }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    // Asked only before a report: few files have a finding, and reading every file's imports was a
    // measurable part of this rule's time.
    let workerScript: boolean | undefined;
    const inWorkerScript = (): boolean => (workerScript ??= isWorkerScript(sourceCode.ast));
    const index = apiIndexFor(options);
    const services = getTypeServices(context);
    const origins = new OriginResolver(sourceCode, (origin) => index.returnedClass(origin));
    const contexts = new EventLoopContexts(sourceCode, origins, services);
    const resolver = new CalleeResolver(index, origins, services);
    // Local names bound to a catalogued export under another name (`import { readFileSync as read }`).
    const aliases = new Set<string>();
    const unnamedCalls: TSESTree.CallExpression[] = [];
    // With types: names imported from other modules, which may re-export an API renamed (checked only when called).
    const renamedImports = new Map<string, TSESTree.ImportSpecifier>();
    /** A name a catalogued API goes by, or a local alias of one: only these are worth resolving. */
    const mayNameApi = (name: string | undefined): name is string => name !== undefined && (index.names.has(name) || aliases.has(name));

    /** The same message wherever the API runs: called, handed over as a callback, or through `.call`. */
    function reportBlocking(
      node: TSESTree.Node,
      api: BlockingApi,
      where: NonNullable<ReturnType<typeof contexts.of>>,
      at?: TSESTree.Expression,
      suggest: TSESLint.ReportSuggestionArray<MessageId> = [],
    ): void {
      const alternative = alternativeLabel(api);
      context.report({
        node,
        // On the method name for member calls, so `db.prepare(q).all()` shows two distinct places.
        ...(at && { loc: { start: at.type === AST_NODE_TYPES.MemberExpression ? at.property.loc.start : at.loc.start, end: node.loc.end } }),
        messageId: alternative ? 'blockingCall' : 'blockingCallNoAlternative',
        data: { name: apiLabel(api), where: describeContext(where), alternative },
        suggest,
      });
    }

    function checkCall(call: TSESTree.CallExpression): void {
      // The API first: most calls named like one (`close`, `get`, `run`) are not, and that is
      // cheaper to rule out than the context, which may look at every caller of the function.
      const api = resolver.resolve(call);
      if (!api) return;
      const where = contexts.of(call);
      if (!where || inWorkerScript()) return;
      const fix =
        where.kind === 'async'
          ? asyncAlternativeFix({ call, api, asyncFunction: where.fn, sourceCode, origins, services })
          : undefined;
      const alternative = api.alternative;
      const suggest: TSESLint.ReportSuggestionArray<MessageId> = fix && alternative
        ? [{
          messageId: alternative.className ? 'useAsyncMethod' : 'useAsyncAlternative',
          data: { alternative: alternativeName(alternative), module: alternative.module },
          fix,
        }]
        : [];
      reportBlocking(call, api, where, call.callee, suggest);
    }

    /** `files.forEach(fs.unlinkSync)`, `p.then(execSync)`: the blocking function runs as the callback. */
    function checkHandOffs(call: TSESTree.CallExpression): void {
      for (const argument of call.arguments) {
        if (argument.type !== AST_NODE_TYPES.Identifier && argument.type !== AST_NODE_TYPES.MemberExpression) continue;
        const name = calleeName(argument);
        if (!mayNameApi(name)) continue;
        const api = resolver.resolveReference(argument);
        if (!api) continue;
        const where = contexts.ofHandOff(call, argument);
        if (!where || inWorkerScript()) continue;
        reportBlocking(argument, api, where);
      }
    }

    /**
     * The API `target` refers to runs at `call` without being its callee: through Function.prototype
     * (`fs.readFileSync.call(fs, path)`, `execSync.apply(null, args)`), or as a template tag
     * (sql.get`select …`, node:sqlite's tag store, Node 24.9+).
     */
    function checkIndirectCall(call: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression, target: TSESTree.Expression): void {
      const api = resolver.resolveReference(target);
      if (!api) return;
      const where = contexts.of(call);
      if (!where || inWorkerScript()) return;
      reportBlocking(call, api, where, target);
    }

    function checkLoop(loop: LoopStatement): void {
      const clock = busyWaitClock(loop, origins);
      if (!clock) return;
      const where = contexts.of(loop);
      if (!where || inWorkerScript()) return;
      context.report({ node: loop, messageId: 'busyWait', data: { clock, where: describeContext(where) } });
    }

    function noteAlias(local: string, imported: string | undefined): void {
      if (local !== imported && mayNameApi(imported)) aliases.add(local);
    }

    return {
      CallExpression(node) {
        if (node.arguments.length > 0) checkHandOffs(node);
        const name = calleeName(node.callee);
        if (name === undefined) return;
        if ((name === 'call' || name === 'apply') && node.callee.type === AST_NODE_TYPES.MemberExpression && !node.callee.computed) {
          const target = node.callee.object;
          const targetName = calleeName(target);
          if (mayNameApi(targetName)) return checkIndirectCall(node, target);
        }
        if (mayNameApi(name)) checkCall(node);
        else if (node.callee.type === AST_NODE_TYPES.Identifier) unnamedCalls.push(node);
      },
      TaggedTemplateExpression(node) {
        if (mayNameApi(calleeName(node.tag))) checkIndirectCall(node, node.tag);
      },
      ImportSpecifier(node) {
        const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : node.imported.value;
        noteAlias(node.local.name, imported);
        if (services && resolver.mayRenameApi(node)) renamedImports.set(node.local.name, node);
      },
      VariableDeclarator(node) {
        if (node.id.type === AST_NODE_TYPES.Identifier && node.init) {
          const init = node.init.type === AST_NODE_TYPES.ChainExpression ? node.init.expression : node.init;
          if (init.type === AST_NODE_TYPES.MemberExpression) noteAlias(node.id.name, staticPropertyName(init));
          else if (init.type === AST_NODE_TYPES.Identifier) noteAlias(node.id.name, init.name);
        } else if (node.id.type === AST_NODE_TYPES.ObjectPattern) {
          for (const property of node.id.properties) {
            if (property.type !== AST_NODE_TYPES.Property || property.shorthand) continue;
            const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
            if (value.type === AST_NODE_TYPES.Identifier) noteAlias(value.name, ASTUtils.getPropertyName(property) ?? undefined);
          }
        }
      },
      'WhileStatement, DoWhileStatement, ForStatement'(node: LoopStatement) {
        checkLoop(node);
      },
      'Program:exit'() {
        if (aliases.size === 0 && renamedImports.size === 0) return;
        // One checker question per imported name, not per call.
        const renamesApi = new Map<string, boolean>();
        for (const call of unnamedCalls) {
          const name = (call.callee as TSESTree.Identifier).name;
          const specifier = renamedImports.get(name);
          if (specifier && !renamesApi.has(name)) renamesApi.set(name, resolver.importsBlockingApi(specifier));
          if (aliases.has(name) || renamesApi.get(name)) checkCall(call);
        }
      },
    };
  },
});
