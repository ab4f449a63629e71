import type { Competence } from '@app/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { RegionEntity } from './region.entity';

/** An enforcement office (table `offices`): where it sits in the region tree and what it may enforce. */
@Entity('offices')
export class OfficeEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') shortName: string;
  @Column({ type: 'char', length: 6 }) regionCode: string;
  /** Loaded by the repository's reads (inner join), so responses can show the region's name and level. */
  @ManyToOne(() => RegionEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'region_code', referencedColumnName: 'code' })
  region?: RegionEntity;
  @Column('text', { array: true }) competences: Competence[];
  @Column('boolean') active: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn() version: number;
}
