import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';

export class HealthResponse {
  @ApiProperty({ example: 'ok' }) status!: 'ok';
  @ApiProperty({ enum: ['up', 'down'], description: 'down: published rulesets are still served from memory' })
  database!: 'up' | 'down';
}

/**
 * How old the database status in a health answer may be. Health answers from memory and asks the
 * database again in the background once the last answer is older: a load balancer checking often
 * neither waits on the database nor loads it, and the answer says whether the service itself is up.
 */
const DATABASE_CHECK_FRESH_MS = 1000;

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  /** The database's last answer; null before the first check. */
  private last: { at: number; up: boolean } | null = null;
  private checking: Promise<boolean> | null = null;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({
    summary: 'Health of the service',
    description:
      'Needs no token. Always 200 while the service runs: `database` is `up`, or `down` when the database cannot be reached and published rulesets are still evaluated from memory.',
  })
  @Public()
  @ApiOkResponse({ type: HealthResponse })
  async health(): Promise<HealthResponse> {
    if (this.last === null) await this.check();
    else if (Date.now() - this.last.at > DATABASE_CHECK_FRESH_MS) void this.check();
    return { status: 'ok', database: this.last?.up ? 'up' : 'down' };
  }

  /** Asks the database, one question at a time, and remembers the answer. */
  private check(): Promise<boolean> {
    this.checking ??= this.databaseAnswers()
      .then((up) => {
        this.last = { at: Date.now(), up };
        return up;
      })
      .finally(() => {
        this.checking = null;
      });
    return this.checking;
  }

  private async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), 2000);
    });
    try {
      return await Promise.race([
        this.dataSource.query('SELECT 1').then(
          () => true,
          () => false,
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
