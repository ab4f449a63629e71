import { ApiProperty } from '@nestjs/swagger';

/** A vocabulary entry: its code and its labels in both languages. */
export class CodeLabelDto {
  @ApiProperty() code: string;
  @ApiProperty() zh: string;
  @ApiProperty() en: string;
}

/** Text in both languages. */
export class BilingualDto {
  @ApiProperty() zh: string;
  @ApiProperty() en: string;
}
