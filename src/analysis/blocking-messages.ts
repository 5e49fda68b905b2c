/**
 * The words of no-blocking-call's messages: how an API, its alternative and the event-loop context are named.
 */
import { ASTUtils } from '@typescript-eslint/utils';
import type { AsyncAlternative, BlockingApi } from './blocking-apis';
import type { LoopContext } from './event-loop-context';

function moduleLabel(module: string): string {
  return `\`node:${module}\``;
}

/** A method as written in docs: `StatementSync#all` for an instance method, `ZipFile.openSync` for a static one or a global's. */
function methodLabel(className: string, name: string, onClass: boolean): string {
  return `${className}${onClass ? '.' : '#'}${name}`;
}

/** How the API is called out in messages: `readFileSync`, `StatementSync#all`, `Atomics.wait`, `ZipFile.openSync`. */
export function apiLabel(api: BlockingApi): string {
  if (!api.className) return api.name;
  return methodLabel(api.className, api.name, api.module === 'globalThis' || api.static === true);
}

/** The alternative as it is named in messages and suggestions: `readFile`, `Dir#read`, `ZipFile.open`. */
export function alternativeName(alternative: AsyncAlternative): string {
  return alternative.className ? methodLabel(alternative.className, alternative.name, alternative.static === true) : alternative.name;
}

export function alternativeLabel(api: BlockingApi): string | undefined {
  const alternative = api.alternative;
  if (!alternative) return undefined;
  if (alternative.module === 'globalThis') return `\`${alternative.name}()\``;
  const name = `${alternativeName(alternative)}()`;
  const code = alternative.dropIn ? `\`await ${name}\`` : `\`${name}\``;
  const from = alternative.className ? '' : ` from ${moduleLabel(alternative.module)}`;
  return `${code}${from}${alternative.note ? ` ${alternative.note}` : ''}`;
}

function functionLabel(fn: Parameters<typeof ASTUtils.getFunctionNameWithKind>[0]): string {
  const text = ASTUtils.getFunctionNameWithKind(fn);
  const named = text.replace(/ '(.*)'$/, ' `$1`');
  if (named !== text || /'/.test(text)) return named;
  return `${/^[aeiou]/.test(text) ? 'an' : 'a'} ${text}`;
}

function contextNoun(context: LoopContext): string {
  switch (context.kind) {
    case 'async':
      return functionLabel(context.fn);
    case 'promise-callback':
      return `a \`.${context.method}()\` callback`;
    case 'promise-executor':
      return 'a `new Promise` executor';
    case 'timer':
      return `a \`${context.api}\` callback`;
    case 'listener':
      return context.event === undefined ? 'an event listener' : `a \`'${context.event}'\` listener`;
    case 'request-handler':
      return 'a request handler';
    case 'reachable':
      return `\`${context.name}\``;
  }
}

export function describeContext(context: LoopContext): string {
  if (context.kind === 'reachable') return `in \`${context.name}\`, which runs only from ${contextNoun(context.from)}`;
  return `inside ${contextNoun(context)}`;
}
