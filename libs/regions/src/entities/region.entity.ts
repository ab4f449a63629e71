import type { RegionLevel } from '@app/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A GB/T 2260 administrative division (table `regions`). Codes change yearly, so each row carries its version date. */
@Entity('regions')
export class RegionEntity {
  @PrimaryColumn({ type: 'char', length: 6 }) code: string;
  @Column('text') name: string;
  @Column('text') level: RegionLevel;
  @Column({ type: 'char', length: 6, nullable: true }) parentCode: string | null;
  /** The province-level code of this region (itself for a province). */
  @Column({ type: 'char', length: 6 }) provinceCode: string;
  /** The prefecture-level code (itself for a city; null for a province). */
  @Column({ type: 'char', length: 6, nullable: true }) cityCode: string | null;
  /** 'YYYY-MM-DD' of the GB/T 2260 edition the row was loaded from. */
  @Column('date') versionDate: string;
  /** Name core, pinyin and initials, space-separated (see region-search-keys.ts); written by the seeder. */
  @Column('text', { select: false }) searchKeys: string;
  /** Keys of other readings of polyphonic characters; a hit on them ranks lower. */
  @Column('text', { select: false }) searchAltKeys: string;
}
