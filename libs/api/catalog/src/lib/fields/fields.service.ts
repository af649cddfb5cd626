import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { TechnologyFieldDto } from '../dto/achievement.dto';
import { TechnologyFieldEntity } from '../entities';

/** The technology-field taxonomy; exported so other contexts validate field codes without reading its table. */
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

  /** The given codes that are not in the taxonomy, in input order (empty when all exist). */
  async unknownCodes(codes: string[], manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    if (!codes.length) return [];
    const known: { code: string }[] = await manager.query('SELECT code FROM technology_fields WHERE code = ANY($1::varchar[])', [codes]);
    const found = new Set(known.map((k) => k.code));
    return codes.filter((c) => !found.has(c));
  }
}
