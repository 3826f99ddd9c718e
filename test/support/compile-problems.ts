import { InvalidRulesetError, type FieldProblem } from '../../api/src/engine/errors';
import { compileVersion } from '../../api/src/engine/model/compile-version';

/** The problems compiling `document` reports; fails the test when it compiles. */
export function compileProblems(document: unknown): FieldProblem[] {
  try {
    compileVersion(document);
  } catch (e) {
    if (e instanceof InvalidRulesetError) return e.errors;
    throw e;
  }
  throw new Error('expected the version not to compile');
}
