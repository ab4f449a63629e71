import { RegionLevel } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { RegionNode } from '../region.repository';
import type { RegionDetail, RegionPathItem, RegionSearchHit } from '../region.service';
import { IsRegionCode } from '@app/observability';

const LEVELS: RegionLevel[] = ['province', 'city', 'county'];

export class ListRegionsQueryDto {
  @ApiPropertyOptional({ example: '330100', description: 'children of this region; omitted: the provinces' })
  @IsOptional()
  @IsRegionCode()
  parent?: string;

  @ApiPropertyOptional({
    example: 'xihu',
    description:
      'search instead of listing children (at most 50 hits): part of the name (西湖), its pinyin (xihu) or initials ' +
      '(xh), optionally after a province or city and a space (杭州 西湖, hz xh); exact and prefix hits first, ' +
      'provinces before cities before counties',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  q?: string;
}

export class RegionResponseDto {
  @ApiProperty({ example: '330106' }) code: string;
  @ApiProperty({ example: '西湖区' }) name: string;
  @ApiProperty({ enum: LEVELS }) level: RegionLevel;
  @ApiProperty({ example: '330100', nullable: true, type: String }) parentCode: string | null;
  @ApiProperty() hasChildren: boolean;
  @ApiPropertyOptional({ example: '浙江省杭州市西湖区', description: 'present on search results' })
  fullName?: string;
}

export class RegionPathItemDto {
  @ApiProperty({ example: '330100' }) code: string;
  @ApiProperty({ example: '杭州市' }) name: string;
  @ApiProperty({ enum: LEVELS }) level: RegionLevel;
}

export class RegionDetailResponseDto {
  @ApiProperty({ example: '330106' }) code: string;
  @ApiProperty({ example: '西湖区' }) name: string;
  @ApiProperty({ enum: LEVELS }) level: RegionLevel;
  @ApiProperty({ example: '330100', nullable: true, type: String }) parentCode: string | null;
  @ApiProperty() hasChildren: boolean;
  @ApiProperty({ example: '330000' }) provinceCode: string;
  @ApiProperty({ example: '330100', nullable: true, type: String }) cityCode: string | null;
  @ApiProperty({ example: '2026-01-01', description: 'GB/T 2260 edition the row was loaded from' })
  versionDate: string;
  @ApiProperty({ type: [RegionPathItemDto], description: 'province first, ending with the region itself' })
  path: RegionPathItemDto[];
  @ApiProperty({ example: '浙江省杭州市西湖区' }) fullName: string;
}

export function toRegionResponse(r: RegionNode | RegionSearchHit): RegionResponseDto {
  return {
    code: r.code,
    name: r.name,
    level: r.level,
    parentCode: r.parentCode,
    hasChildren: r.hasChildren,
    ...('fullName' in r ? { fullName: r.fullName } : {}),
  };
}

const toPathItem = (p: RegionPathItem): RegionPathItemDto => ({ code: p.code, name: p.name, level: p.level });

export function toRegionDetailResponse(r: RegionDetail): RegionDetailResponseDto {
  return {
    code: r.code,
    name: r.name,
    level: r.level,
    parentCode: r.parentCode,
    hasChildren: r.hasChildren,
    provinceCode: r.provinceCode,
    cityCode: r.cityCode,
    versionDate: r.versionDate,
    path: r.path.map(toPathItem),
    fullName: r.fullName,
  };
}
