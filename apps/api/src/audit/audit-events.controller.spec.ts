import { REQUIRED_ROLES } from '@app/auth';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AuditEventsController } from './audit-events.controller';
import { ListAuditEventsQueryDto, toAuditEventListQuery } from './dto/audit-event-query.dto';
import { toAuditEventResponse } from './dto/audit-event-response.dto';

const parse = (q: Record<string, string>) => {
  const dto = plainToInstance(ListAuditEventsQueryDto, q);
  return {
    dto,
    errors: validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }).map((e) => e.property),
  };
};

describe('AuditEventsController', () => {
  it('is admin-only on both routes', () => {
    for (const handler of [AuditEventsController.prototype.list, AuditEventsController.prototype.export]) {
      expect(Reflect.getMetadata(REQUIRED_ROLES, handler)).toEqual(['admin']);
    }
  });

  it('defaults and bounds paging', () => {
    expect(parse({}).dto).toMatchObject({ page: 1, pageSize: 20 });
    expect(parse({ page: '3', pageSize: '200' })).toMatchObject({
      dto: { page: 3, pageSize: 200 },
      errors: [],
    });
    expect(parse({ page: '10001', pageSize: '201' }).errors).toEqual(['page', 'pageSize']);
  });

  it('reads a date as the whole Shanghai day and an instant as given', () => {
    const q = toAuditEventListQuery(parse({ from: '2026-03-01', to: '2026-03-01', actor: 'admin' }).dto);
    expect(q.from?.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(q.to?.toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(toAuditEventListQuery(parse({ from: '2026-03-01T08:00:00+08:00' }).dto).from?.toISOString()).toBe(
      '2026-03-01T00:00:00.000Z',
    );
    expect(parse({ from: '2026-13-01' }).errors).toEqual(['from']);
  });

  it('maps a record to the response without internal fields', () => {
    const r = toAuditEventResponse({
      id: '7',
      stream: 'user:u',
      seq: 2,
      occurredAt: new Date('2026-03-01T00:00:00.000Z'),
      actorId: null,
      actorName: 'system',
      action: 'user.create',
      entityType: 'user',
      entityId: 'u',
      data: { a: 1 },
      requestId: 'r1',
      prevHash: 'p'.repeat(64),
      hash: 'h'.repeat(64),
    });
    expect(r).toEqual({
      id: '7',
      stream: 'user:u',
      seq: 2,
      occurredAt: '2026-03-01T00:00:00.000Z',
      actorId: null,
      actorName: 'system',
      action: 'user.create',
      entityType: 'user',
      entityId: 'u',
      data: { a: 1 },
      requestId: 'r1',
      hash: 'h'.repeat(64),
    });
  });
});
