import { ROLES, type Role } from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'officer.zj' }) @IsString() @MinLength(1) @MaxLength(64) username: string;
  @ApiProperty({ example: 'Demo@2026' }) @IsString() @MinLength(1) @MaxLength(256) password: string;
}

export class RefreshDto {
  @ApiProperty() @IsString() @MinLength(16) @MaxLength(128) refreshToken: string;
}

export class MeOfficeDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: '杭州市市场监督管理局（杭州市知识产权局）' }) name: string;
  @ApiProperty({ example: '330100' }) regionCode: string;
}

export class MeRegionDto {
  @ApiProperty({ example: '330100' }) code: string;
  @ApiProperty({ example: '杭州市' }) name: string;
}

export class MeResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ type: MeOfficeDto }) office: MeOfficeDto;
  @ApiProperty({ type: MeRegionDto }) region: MeRegionDto;
}

export class SessionResponseDto {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ type: MeResponseDto }) user: MeResponseDto;
}
