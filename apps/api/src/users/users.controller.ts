import {
  CreateUserDto,
  CurrentUser,
  ListUsersQueryDto,
  Roles,
  toUserResponse,
  UpdateUserDto,
  UserResponseDto,
  UserService,
} from '@app/auth';
import type { Actor, Page } from '@app/contracts';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../http/uuid-param';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UserService) {}

  @Roles('admin', 'supervisor')
  @Get()
  async list(@CurrentUser() actor: Actor, @Query() q: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    const page = await this.users.list(actor, q);
    return { ...page, items: page.items.map(toUserResponse) };
  }

  @Roles('admin', 'supervisor')
  @Get(':id')
  @ApiOkResponse({ type: UserResponseDto })
  async get(@CurrentUser() actor: Actor, @Param('id', UuidParam) id: string): Promise<UserResponseDto> {
    return toUserResponse(await this.users.get(actor, id));
  }

  @Roles('admin')
  @Post()
  @ApiOkResponse({ type: UserResponseDto })
  async create(@CurrentUser() actor: Actor, @Body() dto: CreateUserDto): Promise<UserResponseDto> {
    return toUserResponse(await this.users.create(actor, dto));
  }

  @Roles('admin')
  @Patch(':id')
  @ApiOkResponse({ type: UserResponseDto })
  async update(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserResponseDto> {
    return toUserResponse(await this.users.update(actor, id, dto));
  }

  @Roles('admin')
  @Post(':id/unlock')
  @HttpCode(200)
  @ApiOkResponse({ type: UserResponseDto })
  async unlock(@CurrentUser() actor: Actor, @Param('id', UuidParam) id: string): Promise<UserResponseDto> {
    return toUserResponse(await this.users.unlock(actor, id));
  }
}
