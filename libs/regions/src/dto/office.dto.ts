import { COMPETENCES, type Competence, type RegionLevel } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import type { OfficeEntity } from '../entities/office.entity';
import { IsRegionCode, IsVersion, PageQueryDto } from '@app/observability';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ListOfficesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '330100', description: 'offices located exactly at this region' })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;

  @ApiPropertyOptional({ example: '330000', description: 'offices anywhere in this region subtree' })
  @IsOptional()
  @IsRegionCode()
  within?: string;

  @ApiPropertyOptional({ enum: COMPETENCES })
  @IsOptional()
  @IsIn(COMPETENCES)
  competence?: Competence;

  @ApiPropertyOptional({ description: 'part of the name or short name' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;
}

export class CreateOfficeDto {
  @ApiProperty({ example: '杭州市市场监督管理局' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: '杭州市监局' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  shortName: string;

  @ApiProperty({ example: '330100', description: 'GB/T 2260 code of the region the office serves' })
  @IsRegionCode()
  regionCode: string;

  @ApiProperty({ enum: COMPETENCES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(COMPETENCES, { each: true })
  competences: Competence[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateOfficeDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  shortName?: string;

  @ApiPropertyOptional({ example: '330100' })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;

  @ApiPropertyOptional({ enum: COMPETENCES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(COMPETENCES, { each: true })
  competences?: Competence[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @IsVersion()
  version: number;
}

export class OfficeResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '杭州市市场监督管理局' }) name: string;
  @ApiProperty({ example: '杭州市监局' }) shortName: string;
  @ApiProperty({ example: '330100' }) regionCode: string;
  @ApiProperty({ example: '杭州市' }) regionName: string;
  @ApiProperty({ enum: ['province', 'city', 'county'], description: 'level of the office region' })
  level: RegionLevel;
  @ApiProperty({ enum: COMPETENCES, isArray: true }) competences: Competence[];
  @ApiProperty() active: boolean;
  @ApiProperty() version: number;
}

export class OfficePageResponseDto {
  @ApiProperty({ type: [OfficeResponseDto] }) items: OfficeResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

/** The office as the API shows it (the repository always loads `region`). */
export function toOfficeResponse(o: OfficeEntity): OfficeResponseDto {
  if (!o.region) throw new Error(`Office ${o.id} was loaded without its region`);
  return {
    id: o.id,
    name: o.name,
    shortName: o.shortName,
    regionCode: o.regionCode,
    regionName: o.region.name,
    level: o.region.level,
    competences: o.competences,
    active: o.active,
    version: o.version,
  };
}
