import { DomainError } from '@app/domain';
import { createValidationPipe } from '@app/observability';
import type { ArgumentMetadata } from '@nestjs/common';
import { CreateOfficeDto, ListOfficesQueryDto, UpdateOfficeDto } from './office.dto';
import { ListRegionsQueryDto } from './region.dto';

const pipe = createValidationPipe();
const run = (
  metatype: ArgumentMetadata['metatype'],
  value: unknown,
  type: ArgumentMetadata['type'] = 'query',
) => pipe.transform(value, { type, metatype });
const fieldsOf = async (p: Promise<unknown>): Promise<string[]> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError)
      return [...new Set((e.details?.errors as { field: string }[]).map((x) => x.field))];
    throw e;
  }
  return [];
};

describe('region and office DTOs (the global validation pipe)', () => {
  it('accepts a 6-digit parent and rejects anything else', async () => {
    await expect(run(ListRegionsQueryDto, { parent: '330100' })).resolves.toEqual({ parent: '330100' });
    expect(await fieldsOf(run(ListRegionsQueryDto, { parent: '3301' }))).toEqual(['parent']);
    expect(await fieldsOf(run(ListRegionsQueryDto, { parent: '990000' }))).toEqual(['parent']);
    expect(await fieldsOf(run(ListRegionsQueryDto, { parent: '330100', x: '1' }))).toEqual(['x']);
  });

  it('converts and bounds paging, checks competence and region filters', async () => {
    await expect(
      run(ListOfficesQueryDto, { page: '2', pageSize: '50', competence: 'patent' }),
    ).resolves.toEqual({
      page: 2,
      pageSize: 50,
      competence: 'patent',
    });
    await expect(run(ListOfficesQueryDto, {})).resolves.toEqual({ page: 1, pageSize: 20 });
    expect(await fieldsOf(run(ListOfficesQueryDto, { page: '10001' }))).toEqual(['page']);
    expect(await fieldsOf(run(ListOfficesQueryDto, { pageSize: '201' }))).toEqual(['pageSize']);
    expect(await fieldsOf(run(ListOfficesQueryDto, { competence: 'tax' }))).toEqual(['competence']);
    expect(await fieldsOf(run(ListOfficesQueryDto, { within: '33%' }))).toEqual(['within']);
  });

  it('validates office bodies', async () => {
    const body = {
      name: ' 杭州市市场监督管理局 ',
      shortName: '杭州市监局',
      regionCode: '330100',
      competences: ['patent'],
    };
    await expect(run(CreateOfficeDto, body, 'body')).resolves.toMatchObject({ name: '杭州市市场监督管理局' });
    expect(await fieldsOf(run(CreateOfficeDto, { ...body, competences: ['patent', 'tax'] }, 'body'))).toEqual(
      ['competences'],
    );
    expect(await fieldsOf(run(CreateOfficeDto, { ...body, regionCode: 330100 }, 'body'))).toEqual([
      'regionCode',
    ]);
    expect(await fieldsOf(run(CreateOfficeDto, { ...body, name: '   ' }, 'body'))).toEqual(['name']);
    expect(await fieldsOf(run(UpdateOfficeDto, { active: false }, 'body'))).toEqual(['version']);
    expect(await fieldsOf(run(UpdateOfficeDto, { version: 1, id: 'x' }, 'body'))).toEqual(['id']);
  });
});
