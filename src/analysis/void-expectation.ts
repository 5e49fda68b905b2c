/**
 * Type questions behind `no-async-void-callback`: does the place a value flows into expect a
 * function that returns `void` (and nothing promise-like), and is the value a function that
 * returns a promise? Modelled on typescript-eslint's `no-misused-promises` (checksVoidReturn).
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
// `import x = require` binds the module itself: a namespace import of a CommonJS module wraps every
// member in a getter, which costs measurably in listeners that run thousands of times per file.
import tsutils = require('ts-api-utils');
import ts = require('typescript');
import { isPromiseLikeResult, returnsPromiseType } from './declared-types';
import { expressionType } from './expression-types';
import type { TypeServices } from './types';
import type { ValueSite } from './void-callback-sites';

/**
 * Every call signature of `type` returns void and none returns (or may return) a promise.
 * `() => void | Promise<void>` or an overload taking `() => Promise<void>` means the
 * promise is welcome.
 */
export function isVoidReturningFunctionType(services: TypeServices, node: TSESTree.Node, type: ts.Type): boolean {
  let sawVoid = false;
  for (const part of tsutils.unionConstituents(type)) {
    for (const signature of part.getCallSignatures()) {
      const returnType = signature.getReturnType();
      if (isPromiseLikeResult(services, node, returnType)) return false;
      sawVoid ||= tsutils.isTypeFlagSet(returnType, ts.TypeFlags.Void);
    }
  }
  return sawVoid;
}

/** The value is a function with a signature that returns something promise-like. */
export function valueReturnsPromise(services: TypeServices, value: TSESTree.Node): boolean {
  return returnsPromiseType(services, value, services.checker.getApparentType(expressionType(services, value)));
}

/**
 * Argument `index` of a call expects a void-returning function under every signature of the
 * callee that has a parameter there. We read all signatures rather than the resolved one:
 * the checker picks the first overload that fits, and an async function fits `() => void`
 * even when a later overload takes `() => Promise<void>` (microsoft/TypeScript#48077).
 */
function argumentExpectsVoid(
  services: TypeServices,
  site: Extract<ValueSite, { kind: 'argument' }>,
  value: TSESTree.Node,
): boolean {
  const { checker } = services;
  const call = site.call;
  const valueTs = services.tsNode(value) as ts.Expression;
  const contextual = checker.getContextualType(valueTs);
  const candidates: ts.Type[] = contextual ? [contextual] : [];
  if (!site.afterSpread) {
    const calleeType = expressionType(services, call.callee);
    for (const part of tsutils.unionConstituents(calleeType)) {
      const signatures =
        call.type === AST_NODE_TYPES.NewExpression ? part.getConstructSignatures() : part.getCallSignatures();
      for (const signature of signatures) {
        const parameterType = parameterTypeAt(checker, signature, site.index);
        if (parameterType) candidates.push(parameterType);
      }
    }
  }
  let sawVoid = false;
  for (const candidate of candidates) {
    if (returnsPromiseType(services, value, candidate)) return false;
    sawVoid ||= isVoidReturningFunctionType(services, value, candidate);
  }
  return sawVoid;
}

/**
 * The declared type of the parameter that receives argument `index`, rest parameters included.
 * Read from the parameter symbol: `getTypeOfSymbolAtLocation` at an identifier would first
 * compute that identifier's flow type, only to discard it.
 */
function parameterTypeAt(checker: ts.TypeChecker, signature: ts.Signature, index: number): ts.Type | undefined {
  const parameters = signature.getParameters();
  const last = parameters.length - 1;
  const declaration = parameters[last]?.valueDeclaration;
  const hasRest = declaration !== undefined && ts.isParameter(declaration) && declaration.dotDotDotToken !== undefined;
  if (index < last || (index === last && !hasRest)) {
    return checker.getTypeOfSymbol(parameters[index]!);
  }
  if (!hasRest) return undefined;
  const restType = checker.getTypeOfSymbol(parameters[last]!);
  if (checker.isArrayType(restType)) return checker.getTypeArguments(restType as ts.TypeReference)[0];
  if (checker.isTupleType(restType)) return checker.getTypeArguments(restType as ts.TypeReference)[index - last];
  return undefined;
}

/**
 * Cheap first look at a call: does any signature of the callee declare a parameter at
 * `index` whose type (or its constraint) is a function returning void? Asked before the
 * argument's own type, so `map(x => x.id)` or `log(user)` never cost a type query for the
 * argument. The full check (contextual type, every overload) runs only after this passes.
 */
export function calleeMayExpectVoidCallback(
  services: TypeServices,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  index: number,
  cache: WeakMap<TSESTree.Node, readonly ts.Signature[]>,
): boolean {
  let signatures = cache.get(call);
  if (!signatures) {
    const parts = tsutils.unionConstituents(expressionType(services, call.callee));
    signatures = parts.flatMap((part) =>
      call.type === AST_NODE_TYPES.NewExpression ? part.getConstructSignatures() : part.getCallSignatures(),
    );
    cache.set(call, signatures);
  }
  if (signatures.length === 0) return false;
  const { checker } = services;
  return signatures.some((signature) => parameterMayExpectVoidCallback(checker, signature, index));
}

/**
 * Per signature and parameter index. A signature object belongs to one checker and one
 * instantiation, and a parameter's declared type does not depend on where it is asked, so
 * every call of the same function (in any file of the program) shares the answer.
 */
const voidCallbackParameters = new WeakMap<ts.Signature, Map<number, boolean>>();

function parameterMayExpectVoidCallback(
  checker: ts.TypeChecker,
  signature: ts.Signature,
  index: number,
): boolean {
  let byIndex = voidCallbackParameters.get(signature);
  if (!byIndex) voidCallbackParameters.set(signature, (byIndex = new Map()));
  let answer = byIndex.get(index);
  if (answer === undefined) {
    answer = false;
    const declared = parameterTypeAt(checker, signature, index);
    if (declared) {
      for (const part of tsutils.unionConstituents(checker.getBaseConstraintOfType(declared) ?? declared)) {
        if (part.getCallSignatures().some((s) => tsutils.isTypeFlagSet(s.getReturnType(), ts.TypeFlags.Void))) {
          answer = true;
          break;
        }
      }
    }
    byIndex.set(index, answer);
  }
  return answer;
}

/** The type an object-literal method must have: the property of the object's contextual type. */
function methodExpectedType(services: TypeServices, property: TSESTree.Property): ts.Type | undefined {
  const { checker } = services;
  const objectTs = services.tsNode(property.parent) as ts.ObjectLiteralExpression;
  const objectType = checker.getContextualType(objectTs);
  const name = services.tsNode(property) as ts.MethodDeclaration;
  if (!objectType || ts.isComputedPropertyName(name.name)) return undefined;
  const key = ts.isIdentifier(name.name) || ts.isStringLiteral(name.name) || ts.isNumericLiteral(name.name)
    ? name.name.text
    : undefined;
  if (key === undefined) return undefined;
  for (const part of tsutils.unionConstituents(objectType)) {
    const symbol = checker.getPropertyOfType(part, key);
    if (symbol) return checker.getTypeOfSymbolAtLocation(symbol, name.name);
  }
  // `Record<string, () => void>` and other index signatures.
  for (const part of tsutils.unionConstituents(objectType)) {
    const indexed = checker.getIndexInfoOfType(part, ts.IndexKind.String)?.type;
    if (indexed) return indexed;
  }
  return undefined;
}

/** The place `value` flows into expects a function whose result is ignored (`void`). */
export function siteExpectsVoid(services: TypeServices, site: ValueSite, value: TSESTree.Node): boolean {
  const { checker } = services;
  if (site.kind === 'argument') return argumentExpectsVoid(services, site, value);
  let expected: ts.Type | undefined;
  if (site.kind === 'property' && site.property.method) {
    expected = methodExpectedType(services, site.property);
  } else if (site.kind === 'attribute') {
    expected = checker.getContextualType(services.tsNode(site.container) as ts.JsxExpression);
  } else {
    expected = checker.getContextualType(services.tsNode(value) as ts.Expression);
  }
  return expected !== undefined && isVoidReturningFunctionType(services, value, expected);
}

/**
 * Cheap first look at `target = value`: the value's contextual type is the target's declared
 * type, which the checker keeps on the target's symbol (a property access's symbol is resolved
 * once when the file is checked). False when that type has no call signature at all, so no
 * function is expected there; true whenever the symbol or its write type is not plainly known
 * (setters, index signatures, imports, globals), leaving those to the full contextual check.
 */
export function assignmentTargetMayTakeFunction(
  services: TypeServices,
  target: TSESTree.Node,
  declaredName: TSESTree.Identifier | undefined,
): boolean {
  const { checker } = services;
  let symbol: ts.Symbol | undefined;
  if (target.type === AST_NODE_TYPES.Identifier) {
    if (!declaredName) return true;
    symbol = checker.getSymbolAtLocation(services.tsNode(declaredName));
  } else if (target.type === AST_NODE_TYPES.MemberExpression && !target.computed) {
    const access = services.tsNode(target);
    if (!ts.isPropertyAccessExpression(access)) return true;
    symbol = checker.getSymbolAtLocation(access.name);
  }
  if (!symbol || symbol.flags & ts.SymbolFlags.Accessor || (symbol.declarations?.length ?? 0) !== 1) return true;
  const declared = checker.getTypeOfSymbol(symbol);
  for (const part of tsutils.unionConstituents(checker.getBaseConstraintOfType(declared) ?? declared)) {
    if (part.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) continue;
    if (part.getCallSignatures().length > 0 || checker.getApparentType(part).getCallSignatures().length > 0) return true;
  }
  return false;
}
