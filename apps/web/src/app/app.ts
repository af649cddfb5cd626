import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { Router, RouterLink, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthStore } from '@ttx/web/core';
import { Brand } from '@ttx/web/ui';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzLayoutModule } from 'ng-zorro-antd/layout';
import { LanguageSwitch } from './layout/language-switch';
import { SideNav } from './layout/side-nav';

/** The shell: header (brand, language, session), role-aware side nav when signed in, content. */
@Component({
  selector: 'ttx-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, TranslocoPipe, NzLayoutModule, NzButtonModule, NzIconModule, Brand, LanguageSwitch, SideNav],
  templateUrl: './app.html',
  styleUrl: './app.scss',
})
export class App {
  protected readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  protected readonly navCollapsed = signal(false);

  constructor() {
    // Roles may have changed since the session was saved: refresh them in the background.
    if (this.auth.isAuthenticated()) void this.auth.loadMe();
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
