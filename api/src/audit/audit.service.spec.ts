import { boundedDetails, MAX_AUDIT_DETAILS_CHARACTERS } from './audit.service';

describe('boundedDetails', () => {
  it('keeps small details as they are', () => {
    const details = { from: 'draft', to: 'in_review', contentHash: 'sha256:abc' };
    expect(boundedDetails(details)).toBe(details);
  });

  it('replaces each oversized field by its size and keeps the rest', () => {
    const changes = {
      parameters: Array.from({ length: 5000 }, (_, i) => ({ parameter: `p${i}`, old: '1.00' })),
    };
    const bounded = boundedDetails({ fromHash: 'sha256:a', toHash: 'sha256:b', changes });
    expect(JSON.stringify(bounded).length).toBeLessThanOrEqual(MAX_AUDIT_DETAILS_CHARACTERS);
    expect(bounded['fromHash']).toBe('sha256:a');
    expect(bounded['toHash']).toBe('sha256:b');
    expect(bounded['changes']).toBeUndefined();
    expect(bounded['truncated']).toEqual({
      note: expect.any(String),
      sizes: { changes: JSON.stringify(changes).length },
    });
  });
});
