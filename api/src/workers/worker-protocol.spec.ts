import { toProblem } from '../common/problem-details.filter';
import {
  EngineError,
  EvaluationError,
  InvalidInputError,
  InvalidRulesetError,
  NoVersionInForceError,
  type FieldProblem,
} from '../engine';
import { rebuildError, serializeError } from './worker-protocol';

/** An error as the main thread gets it back from a worker: serialised, structured-cloned, rebuilt. */
const acrossThreads = (error: unknown): Error => rebuildError(structuredClone(serializeError(error)));

/** An engine error class the main thread's engine does not export (a newer worker's, say). */
class FutureEngineError extends EngineError {
  readonly code = 'future-problem';
  constructor(readonly errors: FieldProblem[]) {
    super('a problem the engine learnt later');
  }
}

const problems = (n: number): FieldProblem[] =>
  Array.from({ length: n }, (_, i) => ({ path: `/members/${i}/birthDate`, message: 'must be a date' }));

describe('engine errors cross the thread boundary unchanged', () => {
  it.each([
    ['InvalidInputError', new InvalidInputError(problems(2))],
    ['InvalidInputError with a long list', new InvalidInputError(problems(1200))],
    ['InvalidRulesetError', new InvalidRulesetError(problems(5))],
    ['EvaluationError', new EvaluationError('division by zero')],
    ['NoVersionInForceError', new NoVersionInForceError('shiyan-social-assistance', '2010-01-01')],
  ])('%s: same class, message, fields and problem details', (_name, original) => {
    const rebuilt = acrossThreads(original);
    expect(rebuilt).toBeInstanceOf(original.constructor);
    expect(rebuilt).toBeInstanceOf(EngineError);
    expect(rebuilt.message).toBe(original.message);
    expect({ ...rebuilt }).toEqual({ ...original });
    expect(toProblem(rebuilt, '/x')).toEqual(toProblem(original, '/x'));
    expect(toProblem(rebuilt).status).toBeLessThan(500);
  });

  it('an engine error of a class the main thread does not know keeps its code and problems (a 422)', () => {
    const original = new FutureEngineError(problems(1));
    const rebuilt = acrossThreads(original);
    expect(rebuilt).toBeInstanceOf(EngineError);
    expect(toProblem(rebuilt)).toEqual(toProblem(original));
    expect(toProblem(rebuilt).status).toBe(422);
  });

  it('any other error stays a 500, with the worker stack for the log', () => {
    const original = new TypeError('cannot read properties of undefined');
    const rebuilt = acrossThreads(original);
    expect(rebuilt).not.toBeInstanceOf(EngineError);
    expect(rebuilt.message).toBe(original.message);
    expect(rebuilt.stack).toBe(original.stack);
    expect(toProblem(rebuilt).status).toBe(500);
    expect(toProblem(acrossThreads('a string thrown')).status).toBe(500);
  });

  it('fields that cannot cross threads are left out, the rest kept', () => {
    const original = Object.assign(new EvaluationError('bad'), { callback: () => 1, note: 'kept' });
    const rebuilt = acrossThreads(original) as EvaluationError & { callback?: unknown; note?: string };
    expect(rebuilt.callback).toBeUndefined();
    expect(rebuilt.note).toBe('kept');
  });
});
