import type { AddressInfo } from 'node:net';
import type { Environment } from '../../../api/src/config/environment';
import { bootService, type TestService } from '../../support/app';

/** The whole service listening on a free port of 127.0.0.1, serving the built editor at `/`. */
export interface ListeningService extends TestService {
  /** `http://127.0.0.1:<port>`: the one origin the browser may talk to. */
  origin: string;
}

/**
 * Boots the service in this process (PGlite in memory, the bootstrap admin's password known: see
 * test/support/app.ts) and listens on a port the system picks. `env` and `settings` are passed to
 * {@link bootService} (settings override values the environment may not hold, such as a token
 * lifetime shorter than a minute).
 */
export async function startService(
  env: Record<string, string> = {},
  settings: Partial<Environment> = {},
): Promise<ListeningService> {
  const service = await bootService(env, { settings });
  await service.app.listen(0, '127.0.0.1');
  const { port } = service.app.getHttpServer().address() as AddressInfo;
  return { ...service, origin: `http://127.0.0.1:${port}` };
}
