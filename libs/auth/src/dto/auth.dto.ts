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

export class MeResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ example: { id: 'uuid', name: '杭州市市场监督管理局', regionCode: '330100' } })
  office: { id: string; name: string; regionCode: string };
  @ApiProperty({ example: { code: '330100', name: '杭州市' } }) region: { code: string; name: string };
}

export class SessionResponseDto {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ type: MeResponseDto }) user: MeResponseDto;
}
