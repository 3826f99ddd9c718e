/** Syntax tree of the ruleset expression language. `at` is the 0-based offset in the source text. */
export type Expression =
  | { kind: 'number'; text: string; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'boolean'; value: boolean; at: number }
  | { kind: 'name'; name: string; at: number }
  | { kind: 'unary'; operator: '-' | 'not'; operand: Expression; at: number }
  | { kind: 'binary'; operator: BinaryOperator; left: Expression; right: Expression; at: number }
  | { kind: 'call'; callee: string; args: Expression[]; at: number };

export type BinaryOperator = '+' | '-' | '*' | '/' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

/** Every name an expression reads, in order of first appearance (function names excluded). */
export function namesIn(expression: Expression): string[] {
  const seen = new Set<string>();
  const walk = (e: Expression): void => {
    switch (e.kind) {
      case 'name':
        seen.add(e.name);
        break;
      case 'unary':
        walk(e.operand);
        break;
      case 'binary':
        walk(e.left);
        walk(e.right);
        break;
      case 'call':
        e.args.forEach(walk);
        break;
      default:
        break;
    }
  };
  walk(expression);
  return [...seen];
}
