import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { CONTENT_SECURITY_POLICY, serveEditor } from '../../api/src/common/editor-assets';
import { bootService, type TestService } from '../support/app';

describe('the editor is served at / by the service', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await bootService();
  });
  afterAll(async () => service.close());

  it('every answer carries a Content-Security-Policy that allows this origin only', async () => {
    const response = await service.http.get('/api/health');
    const policy = String(response.headers['content-security-policy']);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("font-src 'self' data:");
    expect(policy).toContain("frame-ancestors 'none'");
    // No directive names another host.
    expect(policy).not.toMatch(/https?:|\*/);
  });

  it('unknown API paths stay JSON problems, never the app', async () => {
    const response = await service.http.get('/api/v1/nothing-here').set('Accept', 'text/html');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('GET /api/v1/auth/me names the account and its roles', async () => {
    const response = await service.http
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${service.adminToken}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      username: 'admin',
      roles: expect.arrayContaining(['admin', 'editor']),
      kind: 'user',
    });
  });
});

describe('serveEditor', () => {
  const dist = mkdtempSync(join(tmpdir(), 'editor-dist-'));
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  const appServing = (path: string) => {
    const app = express();
    app.use((_req, res, next) => {
      res.setHeader('X-Policy-Count', String(Object.keys(CONTENT_SECURITY_POLICY).length));
      next();
    });
    serveEditor(app, path);
    app.use((_req, res) => res.status(404).json({ title: 'Not found' }));
    return request(app);
  };

  it('answers every screen address with the app, hashed assets cached for a year, index never cached', async () => {
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
    const http = appServing(dist);
    for (const path of ['/', '/rulesets/shiyan-social-assistance/versions/2021/parameters', '/admin/users']) {
      const page = await http.get(path).set('Accept', 'text/html');
      expect([path, page.status, page.text]).toEqual([path, 200, '<!doctype html><title>app</title>']);
      expect(page.headers['cache-control']).toBe('no-cache');
    }
    const asset = await http.get('/assets/index-abc.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await http.get('/assets/missing.js')).status).toBe(404);
    expect((await http.get('/api/v1/anything').set('Accept', 'text/html')).status).toBe(404);
  });

  it('says how to build the editor when it is not built (503, never a blank page)', async () => {
    const missing = join(dist, 'not-built');
    expect(existsSync(missing)).toBe(false);
    const page = await appServing(missing).get('/').set('Accept', 'text/html');
    expect(page.status).toBe(503);
    expect(page.text).toContain('npm run build');
    expect(page.text).toContain('编辑器尚未构建');
  });
});
