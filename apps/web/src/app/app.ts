import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthStore } from '@ttx/web/core';
import { Brand } from '@ttx/web/ui';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzLayoutModule } from 'ng-zorro-antd/layout';
import { LanguageSwitch } from './layout/language-switch';
import { SideNav } from './layout/side-nav';

/** Below NG-ZORRO's md breakpoint (the sider's nzBreakpoint) the side nav is folded away and opens over the content. */
const NARROW = '(max-width: 767.98px)';

/** The shell: header (brand, language, session), role-aware side nav when signed in, content. */
@Component({
  selector: 'ttx-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, TranslocoPipe, NzLayoutModule, NzButtonModule, NzIconModule, Brand, LanguageSwitch, SideNav],
  templateUrl: './app.html',
  styleUrl: './app.scss',
  host: { '(document:keydown.escape)': 'closeNav()' },
})
export class App {
  protected readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly narrow = this.document.defaultView?.matchMedia?.(NARROW);
  protected readonly navCollapsed = signal(this.narrow?.matches ?? false);

  constructor() {
    // Roles may have changed since the session was saved: refresh them in the background.
    if (this.auth.isAuthenticated()) void this.auth.loadMe();
    // On a phone the nav covers the page: it closes once one of its links has been followed.
    this.router.events.pipe(takeUntilDestroyed()).subscribe((e) => {
      if (e instanceof NavigationEnd) this.closeNav(false);
    });
  }

  /** Folds the nav away on a phone (Escape, a tap beside it, a followed link); on a wide screen it stays. */
  protected closeNav(refocus = true): void {
    if (!this.narrow?.matches || this.navCollapsed()) return;
    this.navCollapsed.set(true);
    if (refocus) this.document.querySelector<HTMLElement>('[data-testid="nav-toggle"]')?.focus();
  }

  /** Moves the focus to the content; a plain `#main` link would resolve against <base href> and leave the page. */
  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.document.getElementById('main')?.focus();
  }

  protected logout(): void {
    this.auth.logout();
    void this.router.navigateByUrl('/');
  }
}
