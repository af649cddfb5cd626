import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, Problems, type AuthUser } from '@ttx/api/core';
import { MeService, MemberDirectory } from '@ttx/api/identity';
import { matchNegativeList, type AchievementFacts } from '@ttx/shared/policy';
import type { CreateNegativeRuleDto, NegativeRuleDto } from '../dto/policy.dto';
import { isAdmin, isMember, isTtoOf } from '../policy/access';

const COLUMNS = `id, institution_id AS "institutionId", kind, value, reason_zh AS "reasonZh", reason_en AS "reasonEn", created_at AS "createdAt"`;
type Row = Omit<NegativeRuleDto, 'createdAt'> & { createdAt: Date };
const toDto = (r: Row): NegativeRuleDto => ({ ...r, createdAt: r.createdAt.toISOString() });

/** DOMAIN.md §2: an institution's negative list (负面清单) of achievements that may not be empowered. */
@Injectable()
export class NegativeListService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly members: MemberDirectory,
    private readonly me: MeService,
    private readonly audit: AuditService,
  ) {}

  private async guard(caller: AuthUser, institutionId: string, write: boolean, m: EntityManager): Promise<void> {
    const org = await this.members.organization(institutionId, m);
    if (!org || org.kind !== 'institution') throw Problems.notFound('Institution');
    const me = await this.me.find(caller.id, m);
    if (isAdmin(caller) || isTtoOf(me, institutionId)) return;
    if (!isMember(me, institutionId)) throw Problems.notFound('Institution');
    if (write) throw Problems.forbidden("Only the institution's TTO manager edits its negative list");
  }

  async list(caller: AuthUser, institutionId: string): Promise<NegativeRuleDto[]> {
    await this.guard(caller, institutionId, false, this.dataSource.manager);
    return (await this.rules(institutionId)).map(toDto);
  }

  private rules(institutionId: string, m: EntityManager = this.dataSource.manager): Promise<Row[]> {
    return m.query(`SELECT ${COLUMNS} FROM rights_negative_rules WHERE institution_id = $1 AND removed_at IS NULL ORDER BY created_at, id`, [institutionId]);
  }

  async create(caller: AuthUser, institutionId: string, dto: CreateNegativeRuleDto): Promise<NegativeRuleDto> {
    return this.dataSource.transaction(async (m) => {
      await this.guard(caller, institutionId, true, m);
      const value = dto.value.trim();
      if (!value) throw Problems.rule('negative-rule-value', 'A negative-list rule needs a value', [{ field: 'value', message: 'empty' }]);
      const [row]: Row[] = await m.query(
        `INSERT INTO rights_negative_rules (institution_id, kind, value, reason_zh, reason_en, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
        [institutionId, dto.kind, value, dto.reasonZh.trim(), dto.reasonEn.trim(), caller.id],
      );
      await this.audit.append(m, { actorId: caller.id, action: 'rights.negative-rule.add', entityType: 'rights_negative_rule', entityId: row.id, data: { ...dto } });
      return toDto(row);
    });
  }

  /** Soft delete: past refusals keep naming a rule that still exists. */
  async remove(caller: AuthUser, institutionId: string, ruleId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.guard(caller, institutionId, true, m);
      const [, n]: [unknown, number] = await m.query(
        'UPDATE rights_negative_rules SET removed_at = now() WHERE id = $1 AND institution_id = $2 AND removed_at IS NULL',
        [ruleId, institutionId],
      );
      if (n === 0) throw Problems.notFound('Negative-list rule');
      await this.audit.append(m, { actorId: caller.id, action: 'rights.negative-rule.remove', entityType: 'rights_negative_rule', entityId: ruleId });
    });
  }

  /** 422 naming the rule when the achievement is on its institution's negative list. */
  async assertNotListed(m: EntityManager, institutionId: string, a: AchievementFacts): Promise<void> {
    const hit = matchNegativeList(await this.rules(institutionId, m), a);
    if (hit) {
      throw Problems.rule(
        'negative-list',
        `The achievement is on the institution's negative list: rule ${hit.id} (${hit.kind} = ${hit.value}): ${hit.reasonEn} / ${hit.reasonZh}`,
        [{ field: 'achievementId', message: `negative-list rule ${hit.id}` }],
      );
    }
  }
}
