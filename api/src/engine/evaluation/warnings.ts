/**
 * Warnings that travel with an answer (a determination, a parameters answer) without changing any
 * amount: `warnings: [{ code, message }]` at the top level of the answer, present only when non-empty.
 */

/** One warning: a stable machine code and a message in the caller's language. */
export interface AnswerWarning {
  /** Stable machine code, e.g. `past-review-date`. */
  code: string;
  message: string;
}

/** The language of user-facing text: Chinese (the default) or English. */
export type AnswerLanguage = 'zh' | 'en';

/** What {@link reviewWarnings} reads of a version: its label and the review date it declares. */
export interface ReviewedVersion {
  metadata: { version: string; reviewBy?: string };
}

/**
 * The warnings for answering on `asOf` from `version`: `past-review-date` when the version declares
 * a review date (`metadata.reviewBy`, `YYYY-MM-DD`) and `asOf` is after it, since its figures (set
 * yearly) may have been raised since; none otherwise. Pass `version.document` of a compiled version
 * or a version document as stored.
 * @example reviewWarnings(v2020.document, '2026-03-01')
 * // [{ code: 'past-review-date', message: '所用版本 2020 的标准应于 2021-12-31 前复核,可能已过时' }]
 */
export function reviewWarnings(
  version: ReviewedVersion,
  asOf: string,
  language: AnswerLanguage = 'zh',
): AnswerWarning[] {
  const { version: label, reviewBy } = version.metadata;
  if (reviewBy === undefined || asOf <= reviewBy) return [];
  return [
    {
      code: 'past-review-date',
      message:
        language === 'en'
          ? `The standards of version ${label} were due for review by ${reviewBy} and may be out of date`
          : `所用版本 ${label} 的标准应于 ${reviewBy} 前复核,可能已过时`,
    },
  ];
}

/**
 * `answer` with `warnings` added at its top level when there are any; otherwise `answer` itself,
 * unchanged, so that answers without warnings keep their bytes.
 */
export function withWarnings<T extends object>(
  answer: T,
  warnings: readonly AnswerWarning[],
): T | (T & { warnings: AnswerWarning[] }) {
  return warnings.length === 0 ? answer : { ...answer, warnings: [...warnings] };
}
