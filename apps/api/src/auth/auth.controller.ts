import {
  AuthService,
  CurrentUser,
  LocalAuthGuard,
  LoginDto,
  MeResponseDto,
  Public,
  RefreshDto,
  SessionResponseDto,
  toMeResponse,
  type UserWithOffice,
} from '@app/auth';
import type { Actor } from '@app/contracts';
import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';

const clientOf = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @SkipThrottle({ public: true })
  @UseGuards(ThrottlerGuard, LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: '登录 Sign in; five failures lock the account for 15 minutes' })
  @ApiOkResponse({ type: SessionResponseDto })
  async login(
    @Body() _dto: LoginDto,
    @Req() req: FastifyRequest & { user: UserWithOffice },
  ): Promise<SessionResponseDto> {
    const s = await this.auth.login(req.user, clientOf(req));
    return {
      accessToken: s.accessToken,
      refreshToken: s.refreshToken,
      expiresIn: s.expiresIn,
      user: toMeResponse(s.user),
    };
  }

  @Public()
  @SkipThrottle({ public: true })
  @UseGuards(ThrottlerGuard)
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair (the old one is spent)' })
  @ApiOkResponse({ type: SessionResponseDto })
  async refresh(@Body() dto: RefreshDto, @Req() req: FastifyRequest): Promise<SessionResponseDto> {
    const s = await this.auth.refresh(dto.refreshToken, clientOf(req));
    return {
      accessToken: s.accessToken,
      refreshToken: s.refreshToken,
      expiresIn: s.expiresIn,
      user: toMeResponse(s.user),
    };
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session of this refresh token' })
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: MeResponseDto })
  async me(@CurrentUser() actor: Actor): Promise<MeResponseDto> {
    return toMeResponse(await this.auth.me(actor));
  }
}
