import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { CatalogApi, type SearchResultView } from '@ttx/web/api-client';
import { LanguageService, reloadOn } from '@ttx/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzGridModule } from 'ng-zorro-antd/grid';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { map } from 'rxjs';
import { CATALOG_PAGE_SIZE, type CatalogQuery, queryFromParams, queryToApi, queryToParams, withChange } from './catalog-query';
import { type FieldNode, type Localized, fieldNames, pickText } from './catalog-text';
import { AccessibleLabel } from '@ttx/web/ui';

type FacetName = 'field' | 'kind' | 'stage' | 'dealType' | 'institution';
const FACET_PARAM: Record<FacetName, keyof CatalogQuery> = {
  field: 'field',
  kind: 'kind',
  stage: 'stage',
  dealType: 'dealType',
  institution: 'institutionId',
};

/** Public catalog: full-text search with facets, highlights and paging; state in the URL. */
@Component({
  selector: 'ttx-catalog-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AccessibleLabel,
    FormsModule,
    RouterLink,
    TranslocoPipe,
    NzButtonModule,
    NzCardModule,
    NzEmptyModule,
    NzGridModule,
    NzInputModule,
    NzPaginationModule,
    NzSelectModule,
    NzSpinModule,
    NzTagModule,
  ],
  templateUrl: './catalog-page.html',
  styles: `
    .search { display: flex; gap: 8px; margin-bottom: 16px; flex-wrap: wrap; }
    .search input { flex: 1 1 240px; }
    .facet { margin-bottom: 12px; }
    .facet h4 { margin: 0 0 4px; }
    .facet button { display: block; text-align: left; width: 100%; }
    .hit { margin-bottom: 12px; }
    .hit h3 { margin: 0 0 4px; }
    .hit p { margin: 4px 0; color: rgba(0, 0, 0, 0.65); }
    :host ::ng-deep mark { background: #ffe58f; padding: 0; }
  `,
})
export class CatalogPage {
  private readonly api = inject(CatalogApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly language = inject(LanguageService);

  protected readonly query = toSignal(this.route.queryParams.pipe(map(queryFromParams)), {
    initialValue: queryFromParams(this.route.snapshot.queryParams),
  });
  protected readonly text = signal(this.query().q);
  protected readonly result = signal<SearchResultView | null>(null);
  protected readonly loading = signal(false);
  protected readonly failed = signal(false);
  protected readonly pageSize = CATALOG_PAGE_SIZE;
  private readonly fields = signal<Map<string, Localized>>(new Map());
  private seq = 0;

  protected readonly facets = computed(() => {
    const r = this.result();
    if (!r) return [];
    const names: FacetName[] = ['field', 'kind', 'stage', 'dealType', 'institution'];
    return names
      .map((name) => ({ name, param: FACET_PARAM[name], buckets: r.facets[name] ?? [] }))
      .filter((f) => f.buckets.length > 0);
  });

  constructor() {
    this.api.technologyFields().then(
      (tree) => this.fields.set(fieldNames(tree as FieldNode[])),
      () => undefined,
    );
    reloadOn(() => this.query(), (q) => this.load(q));
  }

  private async load(q: CatalogQuery): Promise<void> {
    const seq = ++this.seq;
    this.loading.set(true);
    this.failed.set(false);
    try {
      const r = await this.api.searchAchievements(queryToApi(q));
      if (seq === this.seq) this.result.set(r);
    } catch {
      if (seq === this.seq) this.failed.set(true);
    } finally {
      if (seq === this.seq) this.loading.set(false);
    }
  }

  protected go(change: Partial<CatalogQuery>): void {
    const next = withChange(this.query(), change);
    void this.router.navigate([], { relativeTo: this.route, queryParams: queryToParams(next) });
  }

  protected search(): void {
    this.go({ q: this.text() });
  }

  protected pick(text: Localized | null | undefined): string {
    return pickText(text, this.language.lang());
  }

  protected fieldName(code: string | null): string {
    return code ? this.pick(this.fields().get(code)) || code : '';
  }

  protected isActive(param: keyof CatalogQuery, key: string): boolean {
    return this.query()[param] === key;
  }

  protected toggle(param: keyof CatalogQuery, key: string): void {
    this.go({ [param]: this.isActive(param, key) ? null : key });
  }

  protected bucketLabel(name: FacetName, key: string, label?: string): string {
    if (name === 'field') return this.fieldName(key);
    if (name === 'institution') return label ?? key;
    return '';
  }
}
