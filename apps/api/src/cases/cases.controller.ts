import { CurrentUser, Roles } from '@app/auth';
import {
  CasePartyPersonalDataService,
  CaseService,
  CaseTimelineService,
  FileStorage,
  CaseRepository,
} from '@app/cases';
import type { Actor } from '@app/contracts';
import { DomainError } from '@app/domain';
import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { UuidParam } from '../http/uuid-param';
import { contentDisposition } from '../http/content-disposition';
import { sendTable } from '../http/table-export';
import { CASE_EXPORT_COLUMNS } from './case-export';
import {
  AddNoteDto,
  AddPartyDto,
  AddRightDto,
  AssignableOfficersQueryDto,
  CaseActionDto,
  CreateCaseDto,
  ExportCasesQueryDto,
  ListCasesQueryDto,
  SetOfficersDto,
  UpdateCaseDto,
  VersionQueryDto,
} from './dto/case-request.dto';
import {
  AssignableOfficerDto,
  CaseDetailDto,
  CasePageDto,
  CasePartyPersonalDataDto,
  NoteCreatedDto,
  TimelineEntryDto,
} from './dto/case-response.dto';

/**
 * 案件办理: the officer's cases. Reads follow the region scope; commands are for officers of the handling office
 * (and supervisors over its region) and carry the `version` they read (stale → 409).
 */
@ApiTags('cases')
@ApiBearerAuth()
@Roles('officer', 'supervisor', 'admin')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CaseService,
    private readonly timelines: CaseTimelineService,
    private readonly repository: CaseRepository,
    private readonly storage: FileStorage,
    private readonly personalData: CasePartyPersonalDataService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List cases in your scope (filters, free text, sort, pages)' })
  @ApiOkResponse({ type: CasePageDto })
  list(@CurrentUser() actor: Actor, @Query() q: ListCasesQueryDto): Promise<CasePageDto> {
    return this.cases.list(actor, q);
  }

  @Get('export')
  @ApiOperation({
    summary: 'Download every case of the list filters as CSV or XLSX (streamed: any number of rows)',
    description: 'XLSX continues on a new sheet every 1,000,000 rows.',
  })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'CSV or XLSX file', schema: { type: 'string', format: 'binary' } })
  async export(
    @CurrentUser() actor: Actor,
    @Query() q: ExportCasesQueryDto,
    @Res({ passthrough: false }) reply: FastifyReply,
  ): Promise<FastifyReply> {
    const { format, ...filters } = q;
    const rows = await this.cases.exportList(actor, filters);
    const stamp = new Date().toISOString().slice(0, 10);
    return sendTable(reply, format, `案件-${stamp}`, CASE_EXPORT_COLUMNS, rows);
  }

  @Get('assignable-officers')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: "Officers who may be assigned to an office's cases (default: your office)" })
  @ApiOkResponse({ type: [AssignableOfficerDto] })
  assignable(
    @CurrentUser() actor: Actor,
    @Query() q: AssignableOfficersQueryDto,
  ): Promise<AssignableOfficerDto[]> {
    return this.cases.assignableOfficers(actor, q.officeId);
  }

  @Post()
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Register a case (ex officio, or from a request, complaint, referral…)' })
  @ApiCreatedResponse({ type: CaseDetailDto })
  create(@CurrentUser() actor: Actor, @Body() dto: CreateCaseDto): Promise<CaseDetailDto> {
    return this.cases.create(actor, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: CaseDetailDto })
  get(@CurrentUser() actor: Actor, @Param('id', UuidParam) id: string): Promise<CaseDetailDto> {
    return this.cases.get(actor, id);
  }

  @Patch(':id')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: "Edit the case's title, summary, amounts involved and flags (open cases)" })
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiConflictResponse({ description: 'stale version' })
  update(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdateCaseDto,
  ): Promise<CaseDetailDto> {
    return this.cases.update(actor, id, dto);
  }

  @Post(':id/actions/:action')
  @HttpCode(200)
  @Roles('officer', 'supervisor')
  @ApiOperation({
    summary:
      'Take a workflow action (GET /workflows/:procedure lists them); 409 on a stale version or wrong state',
  })
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiConflictResponse({ description: 'stale version, or the action is not allowed in the current state' })
  act(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('action') action: string,
    @Body() dto: CaseActionDto,
  ): Promise<CaseDetailDto> {
    return this.cases.act(actor, id, action, dto);
  }

  @Put(':id/officers')
  @Roles('officer', 'supervisor')
  @ApiOperation({
    summary: 'Assign the officers (at least two for investigative acts; an odd panel of 3+ to adjudicate)',
  })
  @ApiOkResponse({ type: CaseDetailDto })
  setOfficers(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: SetOfficersDto,
  ): Promise<CaseDetailDto> {
    return this.cases.setOfficers(actor, id, dto);
  }

  @Post(':id/parties')
  @HttpCode(200)
  @Roles('officer', 'supervisor')
  @ApiOkResponse({ type: CaseDetailDto })
  addParty(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: AddPartyDto,
  ): Promise<CaseDetailDto> {
    return this.cases.addParty(actor, id, dto);
  }

  @Get(':id/parties/:partyId/personal-data')
  @Roles('officer')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: "A party's ID number and phone in full (views mask them); audited as personal_data.revealed",
    description: 'Officers of the handling office only; 403 for supervisors, admins and other offices.',
  })
  @ApiOkResponse({ type: CasePartyPersonalDataDto })
  revealPartyPersonalData(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('partyId', UuidParam) partyId: string,
  ): Promise<CasePartyPersonalDataDto> {
    return this.personalData.reveal(actor, id, partyId);
  }

  @Delete(':id/parties/:partyId')
  @Roles('officer', 'supervisor')
  @ApiOkResponse({ type: CaseDetailDto })
  removeParty(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('partyId', UuidParam) partyId: string,
    @Query() q: VersionQueryDto,
  ): Promise<CaseDetailDto> {
    return this.cases.removeParty(actor, id, partyId, q.version);
  }

  @Post(':id/rights')
  @HttpCode(200)
  @Roles('officer', 'supervisor')
  @ApiOkResponse({ type: CaseDetailDto })
  addRight(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: AddRightDto,
  ): Promise<CaseDetailDto> {
    return this.cases.addRight(actor, id, dto);
  }

  @Delete(':id/rights/:rightId')
  @Roles('officer', 'supervisor')
  @ApiOkResponse({ type: CaseDetailDto })
  removeRight(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('rightId', UuidParam) rightId: string,
    @Query() q: VersionQueryDto,
  ): Promise<CaseDetailDto> {
    return this.cases.removeRight(actor, id, rightId, q.version);
  }

  @Post(':id/notes')
  @Roles('officer', 'supervisor')
  @ApiCreatedResponse({ type: NoteCreatedDto })
  addNote(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: AddNoteDto,
  ): Promise<NoteCreatedDto> {
    return this.cases.addNote(actor, id, dto.body);
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'Every transition, note, evidence event and notification of the case' })
  @ApiOkResponse({ type: [TimelineEntryDto] })
  timeline(@CurrentUser() actor: Actor, @Param('id', UuidParam) id: string): Promise<TimelineEntryDto[]> {
    return this.timelines.timeline(actor, id);
  }

  @Get(':id/documents/:documentId/content')
  @ApiProduces('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @ApiOkResponse({
    description: 'the generated document (DOCX)',
    schema: { type: 'string', format: 'binary' },
  })
  async document(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('documentId', UuidParam) documentId: string,
    @Res({ passthrough: false }) reply: FastifyReply,
  ): Promise<FastifyReply> {
    const c = await this.cases.readable(actor, id);
    const doc = (await this.repository.documents(c.id)).find((d) => d.id === documentId);
    if (!doc) throw new DomainError('NOT_FOUND', `Document ${documentId} not found on this case`);
    const file = await this.storage.open(doc.storageKey);
    return reply
      .header('content-type', doc.contentType)
      .header('content-length', String(file.size))
      .header('content-disposition', contentDisposition(doc.fileName))
      .header('x-content-sha256', doc.sha256)
      .header('cache-control', 'private, no-store')
      .send(file.stream);
  }
}
