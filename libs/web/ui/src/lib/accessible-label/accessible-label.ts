import { DestroyRef, Directive, ElementRef, afterRenderEffect, inject, input } from '@angular/core';

const CONTROLS = 'input:not([type="hidden"]), textarea, select';

/**
 * Names a form control for assistive technology (WCAG 1.3.1 / 4.1.2): `ttxLabel="…"` on a native input, or on
 * a component that renders its own (nz-select, nz-input-number, nz-checkbox, nz-date-picker…), whose inner
 * input a `<label for>` cannot reach. Sets `aria-label` on every control inside the host, and again when the
 * component re-renders them (a multiple select recreates its search input). Pass the visible label's text, so
 * the spoken name matches what is shown.
 */
@Directive({ selector: '[ttxLabel]' })
export class AccessibleLabel {
  readonly ttxLabel = input.required<string>();
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  /** The label last applied; the host's children may be created (and observed) before the input is bound. */
  private label: string | undefined;

  constructor() {
    afterRenderEffect(() => this.apply((this.label = this.ttxLabel())));
    if (typeof MutationObserver === 'undefined') return;
    const observer = new MutationObserver(() => this.label !== undefined && this.apply(this.label));
    observer.observe(this.host, { childList: true, subtree: true });
    inject(DestroyRef).onDestroy(() => observer.disconnect());
  }

  private apply(label: string): void {
    const controls = this.host.matches(CONTROLS) ? [this.host] : Array.from(this.host.querySelectorAll<HTMLElement>(CONTROLS));
    for (const control of controls) if (control.getAttribute('aria-label') !== label) control.setAttribute('aria-label', label);
  }
}
