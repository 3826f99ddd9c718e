/**
 * How expressions are written for people: the symbol printed for each operator (`*` → ×, `>=` → ≥,
 * the rest as typed) and how tightly each binds, so that explanations (engine) and the editor's
 * readable rules put brackets in the same places.
 *
 * @example `PRINTED_OPERATORS['*']` is `'×'`; `OPERATOR_PRECEDENCE['+'] < OPERATOR_PRECEDENCE['*']`.
 */
export const PRINTED_OPERATORS: Readonly<Record<string, string>> = {
  '*': '×',
  '/': '÷',
  '-': '−',
  '>=': '≥',
  '<=': '≤',
  '!=': '≠',
  '==': '=',
};

/** Binding strength of each binary operator: a higher number binds tighter. */
export const OPERATOR_PRECEDENCE: Readonly<Record<string, number>> = {
  or: 1,
  and: 2,
  '==': 3,
  '!=': 3,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
};
