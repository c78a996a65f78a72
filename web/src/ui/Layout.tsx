import { useState, type ReactNode } from 'react';
import { NavLink } from 'react-router';
import { NAV } from '../app/nav.ts';
import { useSession } from '../app/session.tsx';
import { useStores } from '../app/stores.tsx';
import { LOCALES, setLocale, useI18n, type Locale } from '../i18n/index.ts';

const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', en: 'English' };

export function Layout({ children }: { children: ReactNode }) {
  const { t, locale } = useI18n();
  const { me, can, logout } = useSession();
  const { stores, storeCode, setStoreCode, allowAll } = useStores();
  const [open, setOpen] = useState(false);
  return (
    <div className="shell">
      <header className="topbar">
        <button type="button" className="menu-toggle" aria-expanded={open} aria-controls="nav" onClick={() => setOpen(!open)}>☰ <span className="sr-only">{t('nav.menu')}</span></button>
        <strong className="brand">{t('app.name')}</strong>
        <div className="topbar-tools">
          {(stores.length > 1 || !allowAll) && (
            <label>
              <span className="sr-only">{t('common.store')}</span>
              <select value={storeCode ?? ''} onChange={(e) => setStoreCode(e.target.value || null)} data-testid="store-switcher">
                {allowAll && <option value="">{t('common.allStores')}</option>}
                {stores.map((s) => <option key={s.code} value={s.code}>{s.name}</option>)}
              </select>
            </label>
          )}
          <label>
            <span className="sr-only">{t('common.language')}</span>
            <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} data-testid="language-switcher">
              {LOCALES.map((l) => <option key={l} value={l}>{LOCALE_NAMES[l]}</option>)}
            </select>
          </label>
          <span className="who">{me?.name} · {me?.role}</span>
          <button type="button" onClick={() => void logout()}>{t('common.logout')}</button>
        </div>
      </header>
      <nav id="nav" className={open ? 'sidebar open' : 'sidebar'} aria-label={t('nav.menu')}>
        <ul>
          {NAV.filter((n) => can(n.permission)).map((n) => (
            <li key={n.path}><NavLink to={n.path} end={n.path === '/'} onClick={() => setOpen(false)}>{t(n.key)}</NavLink></li>
          ))}
        </ul>
      </nav>
      <main className="content">{children}</main>
    </div>
  );
}
