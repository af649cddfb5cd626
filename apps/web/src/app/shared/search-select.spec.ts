import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormsModule } from '@angular/forms';
import { mountPage } from '../../testing/mount-page';
import { picker } from '../../testing/picker';
import { type PickerQuery, SearchSelect } from './search-select';

interface Item {
  id: string;
  name: string;
}
const item = (n: number): Item => ({ id: `i${n}`, name: `Item ${n}` });
const TOTAL = 100;

/** A caller holding the value outside the picker, as the finance page does when a receivable's "split" presets a licence. */
@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, SearchSelect],
  template: `<ttx-search-select [search]="search" [label]="label" [resolve]="resolve" [ngModel]="value()" data-testid="picker" />`,
})
class Host {
  readonly value = signal<string | null>(null);
  /** 100 items, 20 a page; a search keeps the names containing q. */
  readonly search = async (p: PickerQuery) => {
    const all = Array.from({ length: TOTAL }, (_, i) => item(i + 1)).filter((x) => !p.q || x.name.includes(p.q));
    return { items: all.slice(0, p.pageSize), total: all.length };
  };
  readonly label = (x: Item) => x.name;
  readonly resolve = jest.fn(async (id: string) => item(Number(id.slice(1))));
}

describe('SearchSelect', () => {
  afterEach(() => {
    localStorage.clear();
    TestBed.resetTestingModule();
  });

  async function mount() {
    const page = mountPage(Host, {}, null);
    await page.settle();
    return { ...page, host: page.fixture.componentInstance, select: picker(page.$('picker'), page.settle) };
  }

  it('shows the label of a preset value beyond the first page, fetched once, and keeps it an option while other searches run', async () => {
    const { host, select, settle } = await mount();
    host.value.set('i50');
    await settle();
    expect(select.shown()).toBe('Item 50');
    expect(host.resolve.mock.calls).toEqual([['i50']]);
    await select.open();
    await select.type('Item 7');
    expect(select.labels().slice(0, 3)).toEqual(['Item 50', 'Item 7', 'Item 70']);
    await select.close();
    expect(select.shown()).toBe('Item 50');
    expect(host.resolve).toHaveBeenCalledTimes(1);
  });

  it('takes a preset value on a loaded page from that page, without a fetch', async () => {
    const { host, select, settle } = await mount();
    host.value.set('i3');
    await settle();
    expect(select.shown()).toBe('Item 3');
    expect(host.resolve).not.toHaveBeenCalled();
  });

  it('ignores a late answer for an earlier preset value', async () => {
    const { host, select, settle } = await mount();
    const answers = new Map<string, (x: Item) => void>();
    host.resolve.mockImplementation((id: string) => new Promise<Item>((r) => answers.set(id, r)));
    host.value.set('i50');
    await settle();
    host.value.set('i60');
    await settle();
    answers.get('i60')?.(item(60));
    await settle();
    answers.get('i50')?.(item(50));
    await settle();
    expect(select.shown()).toBe('Item 60');
  });
});
