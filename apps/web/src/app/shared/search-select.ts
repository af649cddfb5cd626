import { ChangeDetectionStrategy, Component, computed, DestroyRef, forwardRef, inject, InjectionToken, input, output, signal, type OnInit } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type ControlValueAccessor, FormsModule, NG_VALUE_ACCESSOR } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { asyncScheduler, catchError, debounceTime, distinctUntilChanged, from, map, merge, of, type SchedulerLike, Subject, switchMap, tap } from 'rxjs';

/** How many matches a picker asks for: enough to browse, few enough to stay quick. */
export const PICKER_PAGE_SIZE = 20;
/** Typing pauses this long before a search goes out (one request per word, not per key). */
export const PICKER_DEBOUNCE_MS = 250;
/** The clock the debounce runs on: real time, or in specs a virtual one they advance, so no wall-clock race decides what is searched. */
export const PICKER_CLOCK = new InjectionToken<SchedulerLike>('PICKER_CLOCK', { providedIn: 'root', factory: () => asyncScheduler });

/** What a picker asks its list endpoint for; `q` is left out while nothing is typed. */
export interface PickerQuery {
  q?: string;
  pageSize: number;
}
/** One page of a list endpoint (every `…PageView` fits). */
export interface PickerPage<T> {
  items: T[];
  total: number;
}

/**
 * A select over a list too long to load whole (an institution's achievements, the broker directory): the
 * first page shows on open, typing searches the server. Works as a form control (formControlName, ngModel)
 * holding the picked item's id; `picked` gives the item itself. The picked item stays an option while other
 * searches run, so its label never goes blank. A value set from outside (a preset id) that no loaded page
 * holds is fetched with `resolve`, and then stays an option the same way.
 */
@Component({
  selector: 'ttx-search-select',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslocoPipe, NzSelectModule],
  providers: [{ provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => SearchSelect), multi: true }],
  styles: `
    :host { display: block; }
    nz-select { width: 100%; }
    .hint { padding: 4px 12px; color: var(--ttx-text-secondary); font-size: 12px; }
  `,
  template: `
    <nz-select nzShowSearch nzServerSearch [nzPlaceHolder]="placeholder()" [nzLoading]="loading()" [nzDisabled]="disabled()" [nzDropdownRender]="hint"
      [ngModel]="value()" (ngModelChange)="choose($event)" (nzOnSearch)="typed.next($event)" (nzBlur)="onTouched()">
      @for (o of options(); track o.id) { <nz-option [nzValue]="o.id" [nzLabel]="label()(o)" /> }
    </nz-select>
    <ng-template #hint>
      <div class="hint" data-testid="picker-hint">
        @if (more()) { {{ 'picker.more' | transloco: { n: results()?.items?.length } }} } @else { {{ 'picker.hint' | transloco }} }
      </div>
    </ng-template>
  `,
})
export class SearchSelect<T extends { id: string }> implements ControlValueAccessor, OnInit {
  /** Fetches one page of matches (the caller adds its own filters, e.g. status=published). */
  readonly search = input.required<(query: PickerQuery) => Promise<PickerPage<T>>>();
  readonly label = input.required<(item: T) => string>();
  readonly placeholder = input('');
  /** Fetches the item of an id set from outside when no loaded page holds it, so its label shows. */
  readonly resolve = input<((id: string) => Promise<T>) | null>(null);
  readonly picked = output<T | null>();

  private readonly destroyRef = inject(DestroyRef);
  private readonly clock = inject(PICKER_CLOCK);
  protected readonly typed = new Subject<string>();
  protected readonly results = signal<PickerPage<T> | null>(null);
  protected readonly loading = signal(false);
  protected readonly disabled = signal(false);
  protected readonly value = signal<string | null>(null);
  private readonly selected = signal<T | null>(null);
  protected readonly options = computed(() => {
    const items = this.results()?.items ?? [];
    const s = this.selected();
    return s && !items.some((i) => i.id === s.id) ? [s, ...items] : items;
  });
  /** More match than are shown: say that typing narrows them. */
  protected readonly more = computed(() => {
    const r = this.results();
    return !!r && r.total > r.items.length;
  });

  private onChange: (id: string | null) => void = () => undefined;
  protected onTouched: () => void = () => undefined;

  ngOnInit(): void {
    // switchMap: an answer to an older search never overwrites a newer one.
    merge(of(''), this.typed.pipe(debounceTime(PICKER_DEBOUNCE_MS, this.clock)))
      .pipe(
        map((q) => q.trim()),
        distinctUntilChanged(),
        tap(() => this.loading.set(true)),
        switchMap((q) => from(this.search()({ pageSize: PICKER_PAGE_SIZE, ...(q ? { q } : {}) })).pipe(catchError(() => of(null)))),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((page) => {
        this.loading.set(false);
        if (!page) return; // the error interceptor has said why; the last results stay
        this.results.set(page);
        // A value set before its option was known (a form patched early) gets its item once it shows up.
        if (this.value() && !this.selected()) this.selected.set(page.items.find((i) => i.id === this.value()) ?? null);
      });
  }

  protected choose(id: string | null): void {
    this.value.set(id);
    const item = this.options().find((o) => o.id === id) ?? null;
    this.selected.set(item);
    this.onChange(id);
    this.picked.emit(item);
  }

  writeValue(id: string | null): void {
    const value = id || null;
    this.value.set(value);
    if (this.selected()?.id === value) return;
    const known = this.options().find((o) => o.id === value) ?? null;
    this.selected.set(known);
    if (value && !known) void this.fetch(value);
  }

  /** The item of a preset id no page has shown yet (a page still loading may bring it first). */
  private async fetch(id: string): Promise<void> {
    const resolve = this.resolve();
    if (!resolve) return;
    try {
      const item = await resolve(id);
      // Another value written, or the item found meanwhile: this answer is stale.
      if (this.value() === id && !this.selected()) this.selected.set(item);
    } catch {
      /* the error interceptor has said why; the label stays blank */
    }
  }
  registerOnChange(fn: (id: string | null) => void): void {
    this.onChange = fn;
  }
  registerOnTouched(fn: () => void): void {
    this.onTouched = fn;
  }
  setDisabledState(disabled: boolean): void {
    this.disabled.set(disabled);
  }
}
