import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ENVIRONMENT, type Environment } from '../config/environment';
import { openDatabase } from './data-source';

/** Provides the one DataSource (PostgreSQL or embedded PGlite), migrated at start. */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [ENVIRONMENT],
      useFactory: (env: Environment) => openDatabase(env),
    },
  ],
  exports: [DataSource],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    // Ending the pool also closes the embedded PGlite database.
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
