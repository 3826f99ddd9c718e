import { InitialSchema1764374400000 } from './1764374400000-initial-schema';

/** Every migration, oldest first (imported, not globbed, so tsx, Jest and dist all find them). */
export const MIGRATIONS = [InitialSchema1764374400000];
