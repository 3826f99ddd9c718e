/** Pieces shared by the expression checker and the function registry (internal to the engine). */
import { checkedResult, isDecimal, type Decimal } from '../decimal';
import { EvaluationError } from '../errors';
import type { Expression } from './ast';
import type { Environment, Scope, Value, ValueType } from './scope';

/** A checked piece of an expression: its static type (`any` after a problem) and how to run it. */
export type Node = { type: ValueType | 'any'; run: (env: Environment) => Value };

/** A problem found while checking an expression; `at` is the offset in the source. */
export interface ExpressionProblem {
  message: string;
  at: number;
}

/** What a function's checker gets: where it stands, and how to check its arguments. */
export interface CheckContext {
  scope: Scope;
  problems: ExpressionProblem[];
  /** Checks a sub-expression in a scope (the call's own scope unless given). */
  check(e: Expression, scope?: Scope): Node;
  /** Records a problem (at the call unless `at` is given) and returns a node that runs to null. */
  problem(message: string, at?: number): Node;
  /** Records a problem when `node` is not of `type`; `what` names it, e.g. `the condition of if()`. */
  want(node: Node, type: ValueType, what: string, at: number): void;
}

/** Throws an EvaluationError; typed `never` so it fits in any expression. */
export const fail = (message: string): never => {
  throw new EvaluationError(message);
};

/** A node that ran into a problem at check time; it is never run. */
export const NOTHING: Node = { type: 'any', run: () => null };

/**
 * The value as a decimal.
 * @throws EvaluationError `<what> is not given` (null) or `<what> is not a number`.
 */
export const asDecimal = (v: Value, what: string): Decimal =>
  isDecimal(v) ? v : v === null ? fail(`${what} is not given`) : fail(`${what} is not a number`);

/**
 * The value as a boolean.
 * @throws EvaluationError `<what> is not given` (null) or `<what> is not true/false`.
 */
export const asBoolean = (v: Value, what: string): boolean =>
  typeof v === 'boolean' ? v : v === null ? fail(`${what} is not given`) : fail(`${what} is not true/false`);

/**
 * The result of an arithmetic step, checked against the numeric domain (see `checkedResult`).
 * @throws OutOfRangeError when it leaves the domain.
 */
export const inRange = (value: Decimal, what: string): Decimal => checkedResult(value, what);
