import { Tooltip, Typography } from 'antd';
import { Fragment } from 'react';
import { Link } from 'react-router-dom';
import { paths } from '@/lib/paths';
import { lookupName, pick, type Glossary, type Language } from '../lib/glossary';
import type { Part, Words } from '../lib/parts';
import { ValueControl } from './value-control';

/** Where a parameter is changed: the parameters tab, opened at that parameter. */
export function parameterHref(key: string, version: string, parameter: string): string {
  return `${paths.version(key, version, 'parameters')}?parameter=${encodeURIComponent(parameter)}`;
}

/**
 * A readable sentence: names by their labels (a tooltip tells what each is; parameters link to the
 * parameters tab) and condition values, which a draft's editor changes in place.
 */
export function Sentence({
  parts,
  glossary,
  language,
  words,
  rulesetKey,
  version,
  editable,
  onValue,
}: {
  parts: Part[];
  glossary: Glossary;
  language: Language;
  words: Words;
  rulesetKey: string;
  version: string;
  editable: boolean;
  onValue: (pointer: string, value: unknown) => void;
}) {
  return (
    <span style={{ lineHeight: 2.2 }}>
      {parts.map((part, i) => {
        if (part.type === 'text') return <Fragment key={i}>{part.text}</Fragment>;
        if (part.type === 'value')
          return (
            <ValueControl
              key={`${i}:${part.pointer}`}
              part={part}
              editable={editable}
              onChange={(value) => onValue(part.pointer, value)}
            />
          );
        const entry = lookupName(glossary, part.name);
        const tip = [words(`value.kind.${part.kind}`), part.name, pick(entry?.description, language)]
          .filter(Boolean)
          .join(' · ');
        if (part.kind === 'parameter')
          return (
            <Tooltip key={i} title={tip}>
              <Link
                to={parameterHref(rulesetKey, version, part.name)}
                aria-label={words('value.parameterLink', { label: part.text })}
              >
                {part.text}
              </Link>
            </Tooltip>
          );
        return (
          <Tooltip key={i} title={tip}>
            <Typography.Text
              tabIndex={0}
              type={part.kind === 'unknown' ? 'danger' : undefined}
              style={{ borderBottom: '1px dotted currentColor' }}
            >
              {part.text}
            </Typography.Text>
          </Tooltip>
        );
      })}
    </span>
  );
}
