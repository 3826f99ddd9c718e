import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** `GET /api/health`: the service answers, and whether the database does. */
@Module({ controllers: [HealthController] })
export class HealthModule {}
