import { Alert, Descriptions, List, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftEdit } from '@/stores/draft-store';
import { showFigure } from '../lib/figures';
import { usePointerWords } from '../lib/use-figure-words';

type Choice = 'mine' | 'theirs';

/**
 * Another official saved the draft first and changed figures this official changed too: each such
 * figure in words, base → theirs and base → mine, with a choice per figure (this official's by
 * default). Confirming hands the choices to `onResolve` (which resolves and saves again).
 */
export function ConflictModal({
  draft,
  open,
  saving,
  onResolve,
  onLater,
}: {
  draft: DraftEdit;
  open: boolean;
  saving: boolean;
  onResolve: (choices: Record<string, Choice>) => void;
  onLater: () => void;
}) {
  const { t } = useTranslation('workflow');
  const conflict = draft.conflict;
  const describe = usePointerWords(conflict?.theirs ?? draft.working);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  if (!conflict) return null;
  const none = t('conflict.none');
  return (
    <Modal
      open={open}
      title={t('conflict.title')}
      okText={t('conflict.confirm')}
      cancelText={t('conflict.later')}
      onOk={() =>
        onResolve(Object.fromEntries(conflict.conflicts.map((c) => [c.path, choices[c.path] ?? 'mine'])))
      }
      onCancel={onLater}
      confirmLoading={saving}
      width={760}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('conflict.intro', { count: conflict.conflicts.length })} />
      {conflict.theirsOnly.length ? (
        <section aria-label={t('conflict.theirsOnlyTitle')} style={{ marginTop: 12 }}>
          <Typography.Text strong>{t('conflict.theirsOnlyTitle')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {t('conflict.theirsOnlyIntro', { count: conflict.theirsOnly.length })}
          </Typography.Paragraph>
          {conflict.theirsOnly.slice(0, 50).map((c) => (
            <div key={c.path}>
              {describe(c.path)}:{showFigure(c.base, none)} → {showFigure(c.value, none)}
            </div>
          ))}
        </section>
      ) : null}
      <List
        dataSource={conflict.conflicts}
        rowKey={(c) => c.path}
        renderItem={(c) => {
          const name = describe(c.path);
          return (
            <List.Item>
              <div style={{ width: '100%' }}>
                <Typography.Text strong>{name}</Typography.Text>
                <Descriptions
                  size="small"
                  column={1}
                  style={{ marginTop: 4 }}
                  items={[
                    {
                      key: 'theirs',
                      label: t('conflict.theirs'),
                      children: `${showFigure(c.base, none)} → ${showFigure(c.theirs, none)}`,
                    },
                    {
                      key: 'mine',
                      label: t('conflict.mine'),
                      children: `${showFigure(c.base, none)} → ${showFigure(c.mine, none)}`,
                    },
                  ]}
                />
                <Radio.Group
                  aria-label={t('conflict.choiceFor', { name })}
                  value={choices[c.path] ?? 'mine'}
                  onChange={(e) => setChoices((prev) => ({ ...prev, [c.path]: e.target.value as Choice }))}
                  options={[
                    { value: 'mine', label: t('conflict.keepMine') },
                    { value: 'theirs', label: t('conflict.takeTheirs') },
                  ]}
                />
              </div>
            </List.Item>
          );
        }}
      />
    </Modal>
  );
}
