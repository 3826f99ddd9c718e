import { Module } from '@nestjs/common';
import { WorkerPoolService } from './worker-pool.service';

/** The engine worker pool: CPU-heavy engine work off the event loop; shut down with the application. */
@Module({
  providers: [WorkerPoolService],
  exports: [WorkerPoolService],
})
export class WorkersModule {}
