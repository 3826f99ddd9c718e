import { Module } from '@nestjs/common';
import { RulesetsModule } from '../rulesets/rulesets.module';
import { WorkersModule } from '../workers/workers.module';
import { EvaluationController } from './evaluation.controller';
import { EvaluationService } from './evaluation.service';

/** Evaluation of households and parameters under the version in force (or a named version). */
@Module({
  imports: [RulesetsModule, WorkersModule],
  controllers: [EvaluationController],
  providers: [EvaluationService],
})
export class EvaluationModule {}
