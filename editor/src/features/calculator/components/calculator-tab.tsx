import { Alert, Button, Card, Col, DatePicker, Form, Row, Space, Tabs, App as AntApp } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldProblem } from '@/components/problem-alert';
import { PageState } from '@/components/page-state';
import { useVersionDocument } from '@/hooks/use-rulesets';
import { ApiProblem } from '@/lib/api-client';
import { isDirty, useDraftStore } from '@/stores/draft-store';
import type { VersionTabProps } from '@/types/version-tab';
import { useEvaluate, type EvaluateRequest } from '../api/use-evaluate';
import { compareDeterminations } from '../lib/determination-diff';
import {
  formFromHousehold,
  householdFromForm,
  householdProblem,
  initialFormValues,
  type FormValues,
} from '../lib/household-form';
import { testCaseFrom, withTestCase } from '../lib/test-case';
import { HouseholdFields } from './household-fields';
import { JsonHousehold, parseHousehold } from './json-household';
import { MemberList } from './member-list';
import { ResultColumn } from './result-column';
import { SaveTestCaseModal } from './save-test-case';

const DATE = 'YYYY-MM-DD';

/**
 * 试算: a household (a form generated from the version's facts, or pasted JSON) and a date, evaluated
 * under this version and under the version in force on that date, side by side with the differences
 * marked; an editable draft may keep the case as a new test.
 */
export function CalculatorTab({ rulesetKey, version }: VersionTabProps) {
  const { t } = useTranslation('calculator');
  const { message } = AntApp.useApp();
  const doc = useVersionDocument(rulesetKey, version);
  const document = doc.document;
  const [form] = Form.useForm<FormValues>();
  const [asOf, setAsOf] = useState<string | null>(null);
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [jsonText, setJsonText] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [asked, setAsked] = useState<EvaluateRequest | null>(null);
  const [problemsShown, setProblemsShown] = useState(false);
  const [saving, setSaving] = useState(false);
  const ours = useEvaluate(rulesetKey);
  const theirs = useEvaluate(rulesetKey);
  const initialValues = useMemo(() => (document ? initialFormValues(document) : undefined), [document]);
  const date = asOf ?? doc.summary?.effectiveFrom ?? document?.metadata.effectiveFrom ?? '';
  const comparison = useMemo(
    () => (ours.data && theirs.data ? compareDeterminations(ours.data, theirs.data) : undefined),
    [ours.data, theirs.data],
  );
  if (!document || !initialValues) return <PageState loading={doc.isLoading} error={doc.error} />;

  const problemAt = (pointer: string) => (problemsShown ? householdProblem(ours.error, pointer) : undefined);
  const switchMode = (next: string) => {
    if (next === 'json') {
      setJsonText(JSON.stringify(householdFromForm(document, form.getFieldsValue(true)), null, 2));
      setJsonError(null);
      setMode('json');
      return;
    }
    const parsed = parseHousehold(jsonText);
    if (parsed.error !== null) return setJsonError(parsed.error);
    form.resetFields();
    form.setFieldsValue(formFromHousehold(document, parsed.household));
    setMode('form');
  };
  const run = async () => {
    let household: Record<string, unknown>;
    if (mode === 'json') {
      const parsed = parseHousehold(jsonText);
      if (parsed.error !== null) return setJsonError(parsed.error);
      household = parsed.household;
    } else {
      try {
        await form.validateFields();
      } catch {
        return;
      }
      household = householdFromForm(document, form.getFieldsValue(true));
    }
    const request = { asOf: date, household };
    setAsked(request);
    setProblemsShown(true);
    ours.mutate({ ...request, version });
    theirs.mutate(request);
  };
  const saveTest = (name: string) => {
    if (!ours.data || !asked) return;
    const test = testCaseFrom(name, asked.asOf, asked.household, ours.data);
    useDraftStore.getState().edit(rulesetKey, version, (d) => withTestCase(d, test));
    setSaving(false);
    void message.success(t('saveTest.saved', { name }));
  };
  const asOfProblem =
    problemsShown && ours.error instanceof ApiProblem ? fieldProblem(ours.error, '/asOf') : undefined;
  const inForceVersion = theirs.data?.ruleset.version;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {doc.editable && isDirty(doc.draft) ? <Alert type="warning" showIcon title={t('unsaved')} /> : null}
      <Card size="small" title={t('household')}>
        <Tabs
          activeKey={mode}
          onChange={switchMode}
          items={[
            {
              key: 'form',
              label: t('mode.form'),
              children: (
                <Form
                  form={form}
                  layout="vertical"
                  initialValues={initialValues}
                  onValuesChange={() => setProblemsShown(false)}
                >
                  <HouseholdFields document={document} problemAt={problemAt} />
                  <MemberList document={document} problemAt={problemAt} />
                </Form>
              ),
            },
            {
              key: 'json',
              label: t('mode.json'),
              children: (
                <JsonHousehold
                  value={jsonText}
                  error={jsonError}
                  onChange={(text) => {
                    setJsonText(text);
                    setJsonError(null);
                  }}
                />
              ),
            },
          ]}
        />
      </Card>
      <Form layout="inline">
        <Form.Item
          label={t('asOf')}
          extra={t('asOfHelp')}
          {...(asOfProblem ? { validateStatus: 'error' as const, help: asOfProblem } : {})}
        >
          <DatePicker
            aria-label={t('asOf')}
            format={DATE}
            allowClear={false}
            value={date ? dayjs(date, DATE) : null}
            onChange={(value: Dayjs | null) => setAsOf(value ? value.format(DATE) : null)}
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" onClick={() => void run()} loading={ours.isPending || theirs.isPending}>
              {t('run')}
            </Button>
            {doc.editable ? (
              <Button disabled={!ours.data || !asked} onClick={() => setSaving(true)}>
                {t('saveTest.button')}
              </Button>
            ) : null}
          </Space>
        </Form.Item>
      </Form>
      {asked ? (
        <Row gutter={16}>
          <Col span={12}>
            <ResultColumn
              side="ours"
              title={t('result.thisVersion', { version })}
              pending={ours.isPending}
              error={ours.error}
              data={ours.data}
              comparison={comparison}
              document={document}
            />
          </Col>
          <Col span={12}>
            <ResultColumn
              side="theirs"
              title={
                inForceVersion
                  ? t('result.inForceVersion', { asOf: asked.asOf, version: inForceVersion })
                  : t('result.inForce', { asOf: asked.asOf })
              }
              pending={theirs.isPending}
              error={theirs.error}
              data={theirs.data}
              comparison={comparison}
              document={document}
            />
          </Col>
        </Row>
      ) : null}
      {doc.editable ? (
        <SaveTestCaseModal
          open={saving}
          document={document}
          onSave={saveTest}
          onCancel={() => setSaving(false)}
        />
      ) : null}
    </Space>
  );
}
