import { useState, type FormEvent } from 'react';
import type { ReportFilter } from '../app/filters.ts';
import { useI18n } from '../i18n/index.ts';

/** From/to business dates; empty means the whole history. */
export function PeriodPicker({ filter, onChange }: { filter: ReportFilter; onChange: (from: string, to: string) => void }) {
  const { t } = useI18n();
  const [from, setFrom] = useState(filter.from ?? '');
  const [to, setTo] = useState(filter.to ?? '');
  const submit = (e: FormEvent) => { e.preventDefault(); onChange(from, to); };
  return (
    <form className="form-row period" onSubmit={submit}>
      <label>{t('common.from')}<input type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
      <label>{t('common.to')}<input type="date" value={to} onChange={(e) => setTo(e.target.value)} /></label>
      <button type="submit">{t('common.apply')}</button>
    </form>
  );
}
