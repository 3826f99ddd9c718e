import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { Button, Card, Col, Form, Input, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { newMember, type MemberValues } from '../lib/household-form';
import { FactField } from './fact-field';

/**
 * The household's members (`facts.member` for each), with add and remove kept within
 * `facts.members.minItems`…`maxItems`. `problemAt('/members/0/birthDate')` gives the API's message.
 */
export function MemberList({
  document,
  problemAt,
}: {
  document: RulesetVersion;
  problemAt: (pointer: string) => string | undefined;
}) {
  const { t } = useTranslation('calculator');
  const form = Form.useFormInstance();
  const { minItems, maxItems } = document.facts.members;
  return (
    <Form.List name="members">
      {(fields, { add, remove }) => (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            {t('form.members', { count: fields.length, min: minItems, max: maxItems })}
          </Typography.Title>
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              title={t('form.member', { n: index + 1 })}
              extra={
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  disabled={fields.length <= minItems}
                  aria-label={t('form.removeMember', { n: index + 1 })}
                  onClick={() => remove(field.name)}
                >
                  {t('form.remove')}
                </Button>
              }
            >
              <Row gutter={16}>
                <Col xs={24} md={12} lg={8}>
                  <Form.Item
                    name={[field.name, 'id']}
                    label={t('form.memberId')}
                    required
                    rules={[{ required: true, message: t('form.required', { label: t('form.memberId') }) }]}
                    extra={t('form.memberIdHelp')}
                    {...(problemAt(`/members/${index}/id`)
                      ? { validateStatus: 'error' as const, help: problemAt(`/members/${index}/id`) }
                      : {})}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                {document.facts.member.map((fact) => (
                  <Col key={fact.name} xs={24} md={12} lg={8}>
                    <FactField
                      fact={fact}
                      name={[field.name, fact.name]}
                      jurisdictions={document.jurisdictions}
                      problem={problemAt(`/members/${index}/${fact.name}`)}
                    />
                  </Col>
                ))}
              </Row>
            </Card>
          ))}
          <Button
            icon={<PlusOutlined />}
            disabled={fields.length >= maxItems}
            onClick={() => add(newMember(document, (form.getFieldValue('members') ?? []) as MemberValues[]))}
          >
            {t('form.addMember')}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}
