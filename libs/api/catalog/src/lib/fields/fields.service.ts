import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TechnologyFieldDto } from '../dto/achievement.dto';
import { TechnologyFieldEntity } from '../entities';

@Injectable()
export class FieldsService {
  constructor(private readonly dataSource: DataSource) {}

  /** The two-level taxonomy as a tree, ordered by code. */
  async tree(): Promise<TechnologyFieldDto[]> {
    const rows = await this.dataSource.manager.find(TechnologyFieldEntity, { order: { code: 'ASC' } });
    const byCode = new Map<string, TechnologyFieldDto>();
    const roots: TechnologyFieldDto[] = [];
    for (const r of rows) {
      const node: TechnologyFieldDto = { code: r.code, parentCode: r.parentCode, name: { zh: r.nameZh, en: r.nameEn }, children: [] };
      byCode.set(r.code, node);
      const parent = r.parentCode ? byCode.get(r.parentCode) : undefined;
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    return roots;
  }
}
