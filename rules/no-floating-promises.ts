/**
 * no-floating-promises: a promise whose value is dropped — not awaited, returned, stored, passed on or given a
 * rejection handler — loses its rejection and nobody waits for it. Also reports a promise stored in a local
 * that is never used afterwards. Runs on types when available, on what syntax proves otherwise.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { type TypeOrValueSpecifier, typeOrValueSpecifiersSchema } from '@typescript-eslint/type-utils';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import { createRule } from '../src/util/create-rule';
import { getTypeServices } from '../src/analysis/types';
import { createFloatingAnalysis, type Finding } from '../src/analysis/floating-analysis';
import { appendCatchFix, awaitAllFix, catchHandlerText, prefixFix } from '../src/analysis/floating-fixes';
import { createSyntaxOracle, createTypeOracle, type ThenableMode } from '../src/analysis/floating-oracles';
import { isAllowListedCall, isNodeTestCall } from '../src/analysis/floating-safe-calls';
import { storedCandidate } from '../src/analysis/floating-stored';
import { describeValue, isFunctionExpression, isInAsyncFunction, skipValueWrappers } from '../src/analysis/floating-syntax';

export interface Options {
  allowForKnownSafeCalls?: TypeOrValueSpecifier[];
  allowForKnownSafePromises?: TypeOrValueSpecifier[];
  allowNodeTestCalls?: boolean;
  checkStoredPromises?: boolean;
  checkThenables?: ThenableMode;
  ignoreIIFE?: boolean;
  ignoreVoid?: boolean;
}

export type MessageIds =
  | 'floating'
  | 'floatingMissingHandler'
  | 'floatingUselessHandler'
  | 'floatingFinally'
  | 'floatingArray'
  | 'floatingAwaitedArray'
  | 'floatingStored'
  | 'floatingStoredArray'
  | 'suggestAwait'
  | 'suggestCatch'
  | 'suggestVoid'
  | 'suggestAwaitAll';

const LOST = 'its rejection will be lost and nothing waits for it.';
const LOST_ALL = 'their rejections will be lost and nothing waits for them.';

const specifierList = (description: string): JSONSchema4 => ({
  ...(typeOrValueSpecifiersSchema as JSONSchema4),
  description,
});

export default createRule<[Options], MessageIds>({
  name: 'no-floating-promises',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require promises to be awaited, returned, stored and used, or given a rejection handler',
      recommended: 'recommended',
      // Strict also counts any object whose `then` takes two callbacks, not only Promise/PromiseLike.
      strictOptions: [{ checkThenables: true }],
    },
    hasSuggestions: true,
    messages: {
      floating: `{{what}} is neither awaited nor handled: ${LOST}`,
      floatingMissingHandler: `{{what}} has no rejection handler (\`.{{method}}()\` was given none): ${LOST}`,
      floatingUselessHandler: `{{what}} has a rejection handler that is not a function, which \`.{{method}}()\` ignores: ${LOST}`,
      floatingFinally: `{{what}} is neither awaited nor handled, and \`.finally()\` passes rejections through: ${LOST}`,
      floatingArray: `{{what}} is neither awaited nor handled: ${LOST_ALL}`,
      floatingAwaitedArray: `{{what}} is awaited as an array, which does not wait for the promises in it: ${LOST_ALL}`,
      floatingStored: `{{what}} is stored in \`{{name}}\` but never awaited, returned, passed on or handled: ${LOST}`,
      floatingStoredArray: `{{what}} is stored in \`{{name}}\` but never awaited, returned, passed on or handled: ${LOST_ALL}`,
      suggestAwait: 'Add `await`.',
      suggestCatch: 'Add `.catch(...)` that logs the rejection.',
      suggestVoid: 'Mark it as intentionally not awaited with `void` (a rejection still goes unhandled).',
      suggestAwaitAll: 'Wait for all of them with `await Promise.all(...)`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowForKnownSafeCalls: specifierList('Functions whose returned promise may float (TypeOrValueSpecifier).'),
          allowForKnownSafePromises: specifierList('Promise types that may float (TypeOrValueSpecifier).'),
          allowNodeTestCalls: {
            type: 'boolean',
            description: "Allow `test`/`describe`/`it`/`suite` from `node:test` (the runner awaits them itself).",
          },
          checkStoredPromises: {
            type: 'boolean',
            description: 'Also report a promise stored in a local variable that is never used afterwards.',
          },
          checkThenables: {
            oneOf: [{ type: 'boolean' }, { type: 'string', enum: ['PromiseLike'] }],
            description: "false: only Promise; 'PromiseLike': also PromiseLike and its extensions; true: any thenable.",
          },
          ignoreIIFE: { type: 'boolean', description: 'Ignore immediately invoked async functions.' },
          ignoreVoid: { type: 'boolean', description: 'Accept `void promise` as an intentional drop.' },
        },
      },
    ],
  },
  defaultOptions: [
    {
      allowForKnownSafeCalls: [],
      allowForKnownSafePromises: [],
      allowNodeTestCalls: true,
      checkStoredPromises: true,
      checkThenables: 'PromiseLike',
      ignoreIIFE: false,
      ignoreVoid: true,
    },
  ],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const services = getTypeServices(context);
    const getScope = (node: TSESTree.Node) => sourceCode.getScope(node);
    const ignoreVoid = options.ignoreVoid !== false;
    const safeCalls = options.allowForKnownSafeCalls ?? [];
    const oracle = services
      ? createTypeOracle(services, getScope, {
          checkThenables: options.checkThenables ?? 'PromiseLike',
          allowForKnownSafePromises: options.allowForKnownSafePromises ?? [],
        })
      : createSyntaxOracle(getScope);
    const analysis = createFloatingAnalysis(oracle, { ignoreVoid });
    const isTypeScript = /\.[cm]?tsx?$/i.test(context.filename);
    const catchHandler = catchHandlerText(isTypeScript);

    function isSafeCall(node: TSESTree.Expression): boolean {
      const call = skipValueWrappers(node);
      if (call.type !== AST_NODE_TYPES.CallExpression) return false;
      if (options.allowNodeTestCalls !== false && isNodeTestCall(call, getScope, services)) return true;
      return isAllowListedCall(call, safeCalls, getScope, services);
    }

    /**
     * How `(…).catch(h)` or `Promise.all(…)` may wrap the expression: only where every value it can
     * evaluate to is a promise (an array of promises), else it would throw where the original did not —
     * `cond ? p() : 0`, `cond && p()`. `'orNullish'`: also `undefined`/`null` (`Promise<T> | undefined`),
     * so `.catch` needs `?.`, and `Promise.all` is not offered.
     */
    function wrapping(value: TSESTree.Expression, kind: 'promise' | 'array'): 'all' | 'orNullish' | 'no' {
      // `a?.f()` is undefined only where the chain stops short, and a `.catch` appended to it joins the
      // chain (`a?.f().catch(h)`), which stops short too.
      if (value.type === AST_NODE_TYPES.ChainExpression && kind === 'promise' && !ASTUtils.isParenthesized(value, sourceCode)) {
        return wrapping(value.expression, kind) === 'no' ? 'no' : 'all';
      }
      const inner = skipValueWrappers(value);
      const both = (a: TSESTree.Expression, b: TSESTree.Expression) => {
        const left = wrapping(a, kind);
        const right = left === 'no' ? 'no' : wrapping(b, kind);
        return right === 'no' ? 'no' : left === 'orNullish' || right === 'orNullish' ? 'orNullish' : 'all';
      };
      switch (inner.type) {
        case AST_NODE_TYPES.ConditionalExpression:
          return both(inner.consequent, inner.alternate);
        case AST_NODE_TYPES.LogicalExpression:
          // `a && b` is `a` only when `a` is falsy, and then no promise or array.
          return inner.operator === '&&' ? 'no' : both(inner.left, inner.right);
        case AST_NODE_TYPES.SequenceExpression:
          return wrapping(inner.expressions[inner.expressions.length - 1]!, kind);
        default:
          return oracle.everyPart(inner, kind);
      }
    }

    function suggestionsFor(finding: Finding): TSESLint.ReportSuggestionArray<MessageIds> {
      const { node } = finding;
      const suggestions: TSESLint.ReportSuggestionArray<MessageIds> = [];
      const inAsync = isInAsyncFunction(node);
      const isVoid = node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'void';
      if (finding.kind === 'array' || finding.kind === 'awaitedArray') {
        const array = node.type === AST_NODE_TYPES.AwaitExpression ? node.argument : node;
        if (inAsync && wrapping(array, 'array') === 'all') suggestions.push({ messageId: 'suggestAwaitAll', fix: (fixer) => awaitAllFix(fixer, sourceCode, node) });
      } else {
        if (inAsync) suggestions.push({ messageId: 'suggestAwait', fix: (fixer) => prefixFix(fixer, sourceCode, node, 'await') });
        const access = isVoid ? 'no' : wrapping(node, 'promise');
        if (access !== 'no') {
          suggestions.push({ messageId: 'suggestCatch', fix: (fixer) => appendCatchFix(fixer, sourceCode, node, catchHandler, access === 'orNullish') });
        }
      }
      if (ignoreVoid && node.type !== AST_NODE_TYPES.AwaitExpression) {
        suggestions.push({ messageId: 'suggestVoid', fix: (fixer) => prefixFix(fixer, sourceCode, node, 'void') });
      }
      return suggestions;
    }

    function report(finding: Finding): void {
      const { node, kind } = finding;
      const described = node.type === AST_NODE_TYPES.UnaryExpression ? node.argument : node;
      const messageId: MessageIds = {
        floating: 'floating',
        missingHandler: 'floatingMissingHandler',
        uselessHandler: 'floatingUselessHandler',
        finally: 'floatingFinally',
        array: 'floatingArray',
        awaitedArray: 'floatingAwaitedArray',
      }[kind] as MessageIds;
      const isArray = kind === 'array' || kind === 'awaitedArray';
      context.report({
        node,
        messageId,
        data: { what: describeValue(described, isArray ? 'Array of promises' : 'Promise'), method: finding.method },
        suggest: suggestionsFor(finding),
      });
    }

    function checkDropped(expression: TSESTree.Expression): void {
      for (const finding of analysis.findFloating(expression)) {
        if (!isSafeCall(finding.node)) report(finding);
      }
    }

    function isIIFE(expression: TSESTree.Expression): boolean {
      const call = skipValueWrappers(expression);
      return call.type === AST_NODE_TYPES.CallExpression && isFunctionExpression(skipValueWrappers(call.callee as TSESTree.Expression));
    }

    const listeners: TSESLint.RuleListener = {
      ExpressionStatement(node) {
        if (node.directive !== undefined && node.directive !== null) return;
        if (options.ignoreIIFE && isIIFE(node.expression)) return;
        checkDropped(node.expression);
      },
    };

    if (!ignoreVoid) {
      // `() => void promise` drops the promise just like a statement does.
      listeners.ArrowFunctionExpression = (node) => {
        if (node.body.type === AST_NODE_TYPES.UnaryExpression && node.body.operator === 'void') checkDropped(node.body);
      };
    }

    if (options.checkStoredPromises !== false) {
      listeners.VariableDeclarator = (node) => {
        const candidate = storedCandidate(node, sourceCode, ignoreVoid);
        if (!candidate) return;
        const verdict = analysis.verdictOf(candidate.init);
        if (!verdict || isSafeCall(candidate.init)) return;
        const isArray = verdict.kind === 'array';
        const suggest: TSESLint.ReportSuggestionArray<MessageIds> = [];
        if (candidate.unreferenced && isInAsyncFunction(node)) {
          suggest.push(
            isArray
              ? { messageId: 'suggestAwaitAll', fix: (fixer) => awaitAllFix(fixer, sourceCode, candidate.init) }
              : { messageId: 'suggestAwait', fix: (fixer) => prefixFix(fixer, sourceCode, candidate.init, 'await') },
          );
        }
        if (!isArray) {
          suggest.push({ messageId: 'suggestCatch', fix: (fixer) => appendCatchFix(fixer, sourceCode, candidate.init, catchHandler) });
        }
        context.report({
          node: candidate.id,
          messageId: isArray ? 'floatingStoredArray' : 'floatingStored',
          data: { what: describeValue(candidate.init, isArray ? 'Array of promises' : 'Promise'), name: candidate.id.name },
          suggest,
        });
      };
    }

    return listeners;
  },
});
