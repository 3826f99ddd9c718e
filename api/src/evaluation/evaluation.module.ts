import { Module } from '@nestjs/common';
import { RulesetsModule } from '../rulesets/rulesets.module';
import { EvaluationController } from './evaluation.controller';
import { EvaluationService } from './evaluation.service';

/** Evaluation of households and parameters under the version in force (or a named version). */
@Module({
  imports: [RulesetsModule],
  controllers: [EvaluationController],
  providers: [EvaluationService],
})
export class EvaluationModule {}
