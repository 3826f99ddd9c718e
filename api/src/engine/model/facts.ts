import type { FactDeclarationT } from '../schema/ruleset.schema';
import type { ValueType } from '../expression/scope';

/** The static type an input fact has inside expressions and rules. */
export function valueTypeOfFact(type: FactDeclarationT['type']): ValueType {
  switch (type) {
    case 'decimal':
    case 'money':
    case 'integer':
      return 'decimal';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    default:
      return 'string';
  }
}

/** One input fact, flattened: sub-facts of an `object` fact are named `group.fact`. */
export interface FactSpec {
  /** The name expressions use, e.g. `annualNetIncome` or `emergency.severity`. */
  name: string;
  declaration: FactDeclarationT;
  type: ValueType;
  /** The optional group this fact belongs to, e.g. `emergency`. */
  group?: string;
}

/** Flattens declared facts into the names expressions see (groups themselves included). */
export function flattenFacts(declarations: readonly FactDeclarationT[]): {
  facts: FactSpec[];
  groups: string[];
} {
  const facts: FactSpec[] = [];
  const groups: string[] = [];
  for (const declaration of declarations) {
    if (declaration.type === 'object') {
      groups.push(declaration.name);
      for (const property of declaration.properties ?? []) {
        facts.push({
          name: `${declaration.name}.${property.name}`,
          declaration: property as FactDeclarationT,
          type: valueTypeOfFact(property.type),
          group: declaration.name,
        });
      }
    } else {
      facts.push({ name: declaration.name, declaration, type: valueTypeOfFact(declaration.type) });
    }
  }
  return { facts, groups };
}
