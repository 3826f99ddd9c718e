import { compileVersion, diffVersions } from '../engine';

/** Strips quotes and a weak prefix from an If-Match value. */
export function etagValue(header: string): string {
  return header
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
}

/** What an edit changed, in the policy's terms when both sides compile. */
export function summariseChanges(before: unknown, after: unknown): Record<string, unknown> {
  try {
    // Tests are left out: a new draft's copied tests predate it, and the diff is about policy.
    const withoutTests = (content: unknown) => ({ ...(content as object), tests: [] });
    const diff = diffVersions(compileVersion(withoutTests(before)), compileVersion(withoutTests(after)));
    const { from: _from, to: _to, ...changes } = diff;
    return changes;
  } catch {
    return { note: 'one side does not compile yet, so only the content hashes are recorded' };
  }
}
