import type { TopicName } from '@app/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/** A partner system that receives signed POSTs for the topics it subscribes to (table `webhook_endpoints`). */
@Entity('webhook_endpoints')
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') url: string;
  /** HMAC key of the signatures. Stored as is (it is needed to sign); shown only on create and rotate. */
  @Column('text') secret: string;
  @Column('text', { array: true }) topics: TopicName[];
  @Column('boolean') active: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn() version: number;
}
