import { useI18n } from '../i18n/index.ts';

export function Loading() {
  const { t } = useI18n();
  return <p className="muted" role="status">{t('common.loading')}</p>;
}

export function ErrorNote({ error, retry }: { error: Error; retry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="error" role="alert">
      {t('common.error', { message: error.message })}
      {retry && <button type="button" onClick={retry}>{t('common.retry')}</button>}
    </div>
  );
}
