import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Two-level taxonomy: "NN" (top level) and "NN.NN" (child). */
@Entity('technology_fields')
@Check('technology_fields_code_check', `code ~ '^[0-9]{2}(\\.[0-9]{2})?$'`)
export class TechnologyFieldEntity {
  @PrimaryColumn({ type: 'varchar', length: 8, primaryKeyConstraintName: 'technology_fields_pkey' }) code!: string;
  @Column({ name: 'parent_code', type: 'varchar', length: 8, nullable: true }) parentCode!: string | null;
  @ManyToOne(() => TechnologyFieldEntity, { nullable: true })
  @JoinColumn({ name: 'parent_code', foreignKeyConstraintName: 'technology_fields_parent_code_fkey' })
  protected parent?: TechnologyFieldEntity;
  @Column({ name: 'name_zh', type: 'varchar', length: 100 }) nameZh!: string;
  @Column({ name: 'name_en', type: 'varchar', length: 200 }) nameEn!: string;
}
