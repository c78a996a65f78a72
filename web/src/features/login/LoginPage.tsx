import { useState, type FormEvent } from 'react';
import { ApiError } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { LOCALES, setLocale, useI18n, type Locale } from '../../i18n/index.ts';

export function LoginPage() {
  const { t, locale } = useI18n();
  const { login } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await login(form.get('username') as string, form.get('password') as string);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('login.failed') : String((err as Error).message));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="muted">{t('app.tagline')}</p>
        <label>{t('login.username')}<input name="username" autoComplete="username" required autoFocus /></label>
        <label>{t('login.password')}<input name="password" type="password" autoComplete="current-password" required /></label>
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>{t('login.submit')}</button>
        <label className="inline">{t('common.language')}
          <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
            {LOCALES.map((l) => <option key={l} value={l}>{l === 'en' ? 'English' : '简体中文'}</option>)}
          </select>
        </label>
      </form>
    </main>
  );
}
