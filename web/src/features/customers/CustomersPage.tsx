import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { useI18n } from '../../i18n/index.ts';
import { ErrorNote, Loading } from '../../ui/Status.tsx';
import { useLoad } from '../../ui/useApi.ts';

export interface CustomerBrief {
  id: number; memberNo: string | null; phone: string | null; name: string | null; gender: string; city: string | null;
  homeStoreCode: string | null; mergedIntoId: number | null;
}

export default function CustomersPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const found = useLoad(() => api<{ items: CustomerBrief[] }>('/api/customers', { query: { q, limit: 50 } }), [q]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams(text.trim() ? { q: text.trim() } : {});
  };
  return (
    <section aria-labelledby="customers-title">
      <h1 id="customers-title">{t('customers.title')}</h1>
      <form className="search" role="search" onSubmit={submit}>
        <label htmlFor="customer-q" className="sr-only">{t('customers.searchLabel')}</label>
        <input id="customer-q" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('customers.searchPlaceholder')} autoFocus />
        <button type="submit" className="primary">{t('common.search')}</button>
      </form>
      {found.error && <ErrorNote error={found.error} retry={found.reload} />}
      {found.loading && <Loading />}
      {found.data && (found.data.items.length === 0 ? <p className="muted">{t('customers.noResults')}</p> : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('customers.memberNo')}</th><th scope="col">{t('customers.name')}</th><th scope="col">{t('customers.phone')}</th>
                <th scope="col">{t('customers.city')}</th><th scope="col">{t('customers.homeStore')}</th><th scope="col"><span className="sr-only">{t('customers.open')}</span></th>
              </tr>
            </thead>
            <tbody>
              {found.data.items.map((c) => (
                <tr key={c.id}>
                  <td>{c.memberNo ?? '—'}</td><td>{c.name ?? '—'}</td><td className="mono" data-testid="customer-phone">{c.phone ?? '—'}</td>
                  <td>{c.city ?? '—'}</td><td>{c.homeStoreCode ?? '—'}</td>
                  <td><Link to={`/customers/${c.id}`}>{t('customers.open')}</Link></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
