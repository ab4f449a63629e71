import { CurrentUser, Roles } from '@app/auth';
import type { Actor } from '@app/contracts';
import { DomainError } from '@app/domain';
import { DeadLetterService } from '@app/notifications';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  DeadLetterPageDto,
  DeadLetterResponseDto,
  ListDeadLettersQueryDto,
  toDeadLetterResponse,
} from './dto/dead-letter.dto';

const ID = /^\d{1,18}$/;

@ApiTags('notifications')
@ApiBearerAuth()
@Roles('admin')
@Controller('dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetterService) {}

  @Get()
  @ApiOkResponse({ type: DeadLetterPageDto })
  async list(@Query() q: ListDeadLettersQueryDto): Promise<DeadLetterPageDto> {
    const page = await this.deadLetters.list(q);
    return { ...page, items: page.items.map(toDeadLetterResponse) };
  }

  @Get(':id')
  @ApiOkResponse({ type: DeadLetterResponseDto })
  async get(@Param('id') id: string): Promise<DeadLetterResponseDto> {
    return toDeadLetterResponse(await this.deadLetters.get(requireId(id)));
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: DeadLetterResponseDto })
  async retry(@CurrentUser() actor: Actor, @Param('id') id: string): Promise<DeadLetterResponseDto> {
    return toDeadLetterResponse(await this.deadLetters.retry(actor, requireId(id)));
  }

  @Post(':id/discard')
  @HttpCode(200)
  @ApiOkResponse({ type: DeadLetterResponseDto })
  async discard(@CurrentUser() actor: Actor, @Param('id') id: string): Promise<DeadLetterResponseDto> {
    return toDeadLetterResponse(await this.deadLetters.discard(actor, requireId(id)));
  }
}

function requireId(id: string): string {
  if (!ID.test(id)) {
    throw new DomainError('VALIDATION_FAILED', 'id must be a delivery number', {
      errors: [{ field: 'id', code: 'isNumeric', message: '编号应为数字 (id must be a number)' }],
    });
  }
  return id;
}
