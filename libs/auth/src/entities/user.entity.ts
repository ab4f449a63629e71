import type { Role } from '@app/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() username: string;
  @Column() displayName: string;
  @Column() passwordHash: string;
  @Column('text', { array: true }) roles: Role[];
  @Column('uuid') officeId: string;
  @Column() active: boolean;
  @Column('int') failedLogins: number;
  @Column('timestamptz', { nullable: true }) lockedUntil: Date | null;
  @Column('timestamptz', { nullable: true }) lastLoginAt: Date | null;
  @Column('timestamptz') passwordChangedAt: Date;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn() version: number;
}
