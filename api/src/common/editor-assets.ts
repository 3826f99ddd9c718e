import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { repositoryPath } from '../config/repository-paths';

/**
 * The Content-Security-Policy of the editor and of every other answer: nothing is fetched from
 * another origin (scripts, Monaco's workers, styles, fonts, images, connections), no framing, no
 * plugins. Styles may be inline because Ant Design and Monaco set element styles at run time;
 * workers may be `blob:` because Monaco starts some of its workers from one.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  // No inline script anywhere: the editor's and Swagger UI's (/api/docs) scripts are files, so markup
  // slipped into a page can never run.
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'worker-src': ["'self'", 'blob:'],
  'upgrade-insecure-requests': null,
} as const;

/** The API's paths (`/api` and everything under it), which the editor never serves. */
const API_PATH = /^\/api(?:\/|$)/;

/** Where the built editor lives (`npm install` and `npm start` build it). */
export function editorDistPath(): string {
  return repositoryPath(join('editor', 'dist'));
}

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>编辑器尚未构建</title>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>编辑器尚未构建 / The editor is not built</h1>
<p>请在项目目录运行 <code>npm run build</code>,或用 <code>npm start</code> 启动服务(它会先构建)。</p>
<p>Run <code>npm run build</code> in the project folder, or start the service with <code>npm start</code>, which builds it first.</p>
</body></html>`;

/**
 * Serves the editor's single-page app at `/`: hashed assets under `/assets/` for a year, and the
 * app's `index.html` (never cached) for every other GET that asks for HTML outside `/api`, so that
 * a reload of `/rulesets/…/versions/2021` opens that screen. `/api/*` is left to the API, and a missing asset is a 404.
 */
export function serveEditor(app: express.Express, distPath: string = editorDistPath()): void {
  const indexFile = join(distPath, 'index.html');
  const assets = express.static(distPath, {
    index: false,
    redirect: false,
    setHeaders: (res, path) => {
      if (path.includes(`${join(distPath, 'assets')}`))
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  // Nothing under /api is a file of the editor: without this, every GET of the API (a load
  // balancer's health checks too) would first look for one on disk.
  app.use((req: Request, res: Response, next: NextFunction) =>
    API_PATH.test(req.path) ? next() : assets(req, res, next),
  );
  app.get(/^\/(?!api(?:\/|$)|assets\/).*/, (req: Request, res: Response, next: NextFunction) => {
    if (!req.accepts('html')) return next();
    if (!existsSync(indexFile)) {
      res.status(503).type('html').setHeader('Cache-Control', 'no-store').send(NOT_BUILT);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(readFileSync(indexFile));
  });
}
