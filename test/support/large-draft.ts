/**
 * A large but valid draft for load tests: a shipped version with many extra parameters and derived
 * facts (each derived fact reads its parameter), so that compiling, validating and evaluating it
 * takes as long as a big real draft would: about 490 KB of JSON (UTF-8) with the default count.
 */
import type { RulesetVersion } from '../../api/src/engine/schema/ruleset.schema';
import { SHIYAN, readRepoText } from './shipped-rulesets';

/**
 * A copy of the shipped 2020 version (same effective date, so its embedded tests still hold) labelled
 * `label`, with `extra` parameters and derived facts; `salt` changes the labels, hence the content hash.
 */
export function largeDraft(label: string, extra = 800, salt = ''): RulesetVersion {
  const document = JSON.parse(readRepoText(`rulesets/${SHIYAN}/2020.json`)) as RulesetVersion;
  document.metadata.version = label;
  for (let i = 0; i < extra; i++) {
    const n = String(i).padStart(4, '0');
    document.parameters.push({
      key: `load.allowance${n}`,
      unit: 'yuan/month',
      label: { zh: `负载测试补贴${n}${salt}`, en: `Load-test allowance ${n}${salt}` },
      basis: '十政办发〔2017〕8号 三(一)1',
      byJurisdiction: false,
      values: [
        { value: `${100 + (i % 50)}.00`, source: { type: 'illustrative', note: '负载测试 / load test' } },
      ],
    });
    document.derived.push({
      scope: 'household',
      name: `loadIncome${n}`,
      type: 'decimal',
      formula: `if(unitSize > 0, annualNetIncome / 12 / unitSize + load.allowance${n}, load.allowance${n})`,
      label: { zh: `负载测试收入${n}`, en: `Load-test income ${n}` },
    });
  }
  return document;
}
