import { bootService, type TestService } from '../support/app';

describe(`the rules service boots (${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'})`, () => {
  let service: TestService;
  beforeAll(async () => {
    service = await bootService();
  });
  afterAll(async () => {
    await service.close();
  });

  it('reports health without a token', async () => {
    const response = await service.http.get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('imported the shipped rulesets as published versions', async () => {
    const response = await service.http
      .get('/api/v1/rulesets/shiyan-social-assistance/versions')
      .set('Authorization', `Bearer ${service.adminToken}`);
    expect(response.status).toBe(200);
    const versions = response.body as { version: string; status: string }[];
    expect(versions.map((v) => v.version)).toEqual(['2017-02', '2017-10', '2018', '2019', '2020']);
    expect(new Set(versions.map((v) => v.status))).toEqual(new Set(['published']));
  });
});
