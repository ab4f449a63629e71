import { UserService } from '@app/auth';
import { AppConfig } from '@app/config';
import { SYSTEM_ACTOR } from '@app/contracts';
import { OfficeService } from '@app/regions';
import { Injectable, Logger } from '@nestjs/common';
import { DEMO_OFFICES, DEMO_USERS } from './demo-data';

/** Creates the demo offices and accounts through the ordinary services (so they are audited). Idempotent. */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly offices: OfficeService,
    private readonly users: UserService,
    private readonly config: AppConfig,
  ) {}

  async seed(): Promise<{ offices: number; users: number }> {
    const officeIds = new Map<string, string>();
    let createdOffices = 0;
    for (const o of DEMO_OFFICES) {
      const existing = (await this.offices.list({ q: o.name, page: 1, pageSize: 5 })).items.find(
        (x) => x.name === o.name,
      );
      if (existing) {
        officeIds.set(o.name, existing.id);
        continue;
      }
      const created = await this.offices.create(SYSTEM_ACTOR, { ...o, active: true });
      officeIds.set(o.name, created.id);
      createdOffices++;
    }
    let createdUsers = 0;
    for (const u of DEMO_USERS) {
      const existing = (
        await this.users.list(SYSTEM_ACTOR, { q: u.username, page: 1, pageSize: 5 })
      ).items.find((x) => x.username === u.username);
      if (existing) continue;
      await this.users.create(SYSTEM_ACTOR, {
        username: u.username,
        displayName: u.displayName,
        password: this.config.DEMO_PASSWORD,
        roles: u.roles,
        officeId: officeIds.get(u.office)!,
      });
      createdUsers++;
    }
    this.logger.log({ createdOffices, createdUsers }, 'Demo data seeded');
    return { offices: createdOffices, users: createdUsers };
  }
}
