import { describe, expect, it } from 'vitest';
import { ApiProblem } from '@/lib/api-client';
import { doc2020 } from '../test/fixtures';
import {
  formFromHousehold,
  GIVEN,
  householdFromForm,
  householdProblem,
  initialFormValues,
  nextMemberId,
} from './household-form';

describe('household form values', () => {
  it('starts from the facts’ defaults and the fewest members the version allows', () => {
    const values = initialFormValues(doc2020);
    expect(values.registeredPoor).toBe(false);
    expect(values.jurisdiction).toBeUndefined();
    expect(values.members).toEqual([
      {
        id: 'p1',
        disabilityGrade: '0',
        seriousIllness: false,
        extremePoverty: 'none',
        orphan: 'none',
        inpatientCompliantOutOfPocket: '0',
      },
    ]);
  });

  it('sends money as exact strings, integers as numbers, groups only when given', () => {
    const household = householdFromForm(doc2020, {
      jurisdiction: '420325',
      residence: 'rural',
      annualNetIncome: '12399.99',
      assetsWithinLimit: true,
      emergency: { severity: 'major' },
      disaster: { houseCollapsed: true },
      [GIVEN]: { emergency: true },
      members: [
        { id: 'p1', birthDate: '1948-03-15', disabilityGrade: '2', inpatientCompliantOutOfPocket: '' },
      ],
    });
    expect(household).toEqual({
      jurisdiction: '420325',
      residence: 'rural',
      annualNetIncome: '12399.99',
      assetsWithinLimit: true,
      emergency: { severity: 'major' },
      members: [{ id: 'p1', birthDate: '1948-03-15', disabilityGrade: 2 }],
    });
  });

  it('reads a JSON household back into the form, groups switched on', () => {
    const values = formFromHousehold(doc2020, {
      jurisdiction: '420302',
      annualNetIncome: 12400,
      disaster: { houseCollapsed: true },
      members: [{ id: 'f', birthDate: '1982-05-02' }],
    });
    expect(values.annualNetIncome).toBe('12400');
    expect(values[GIVEN]).toEqual({ disaster: true });
    expect(values.disaster).toEqual({ houseCollapsed: true });
    expect(values.members?.[0]).toMatchObject({ id: 'f', birthDate: '1982-05-02', orphan: 'none' });
    expect(householdFromForm(doc2020, values)).toMatchObject({
      annualNetIncome: '12400',
      disaster: { houseCollapsed: true },
    });
  });

  it('picks the first free member id', () => {
    expect(nextMemberId([])).toBe('p1');
    expect(nextMemberId([{ id: 'p1' }, { id: 'p3' }])).toBe('p2');
    expect(nextMemberId([{ id: 'p2' }, { id: 'p1' }])).toBe('p3');
  });

  it('finds the API’s message for a field, pointed into the request or into the household', () => {
    const invalidRequest = new ApiProblem(400, {
      errors: [{ path: '/household/members/1/id', message: 'request' }],
    });
    const invalidInput = new ApiProblem(422, {
      errors: [{ path: '/members/0/birthDate', message: 'household' }],
    });
    expect(householdProblem(invalidRequest, '/members/1/id')).toBe('request');
    expect(householdProblem(invalidInput, '/members/0/birthDate')).toBe('household');
    expect(householdProblem(invalidInput, '/members/1/birthDate')).toBeUndefined();
    expect(householdProblem(new Error('x'), '/members/0/birthDate')).toBeUndefined();
  });
});
