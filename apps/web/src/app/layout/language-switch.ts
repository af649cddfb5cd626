import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService } from '@ttx/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';

/**
 * Toggles zh-CN ⇄ en-US; the button names the language it switches to. That visible name is also its
 * accessible name (speech input users say what they see); the title describes the action, and the name
 * carries its own `lang` so a screen reader pronounces "English" / "中文" in that language.
 */
@Component({
  selector: 'ttx-language-switch',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, NzButtonModule, NzIconModule],
  template: `
    <button
      nz-button
      nzType="text"
      type="button"
      data-testid="lang-switch"
      [attr.data-lang]="language.lang()"
      [attr.title]="'header.switchLanguage' | transloco"
      (click)="language.toggle()"
    >
      <nz-icon nzType="global" />
      <span [attr.lang]="language.lang() === 'zh-CN' ? 'en-US' : 'zh-CN'">{{ 'header.otherLanguage' | transloco }}</span>
    </button>
  `,
})
export class LanguageSwitch {
  protected readonly language = inject(LanguageService);
}
