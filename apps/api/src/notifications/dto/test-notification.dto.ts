import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class SendTestNotificationDto {
  @ApiPropertyOptional({ type: [String], description: 'user ids' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  users?: string[];

  @ApiPropertyOptional({ type: [String], description: 'outside e-mail addresses' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true })
  emails?: string[];

  @ApiPropertyOptional({ description: 'a line added to the message' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
