// The import wizard: pick a file, see how its columns were read, adjust the mapping, import with
// progress, then the report with the reject file. The preview sends only the head of a text file.
import { Fragment, useState } from 'react';
import { api, ApiError, withQuery, type Problem } from '../../app/api.ts';
import { useStores } from '../../app/stores.tsx';
import { useI18n } from '../../i18n/index.ts';
import { ErrorNote } from '../../ui/Status.tsx';

type Kind = 'orders' | 'customers' | 'products';
const KINDS: Kind[] = ['orders', 'customers', 'products'];
const ENCODINGS = ['auto', 'utf-8', 'gbk'] as const;
const PREVIEW_BYTES = 256 * 1024;

interface Preview {
  headerLine: number | null; fields: string[];
  columns: { headers: string[]; found: Record<string, string>; missing: string[]; ignored: string[] };
  rows: { lineNo: number; fields: string[]; ok: boolean; reason: string | null; detail: string | null }[];
  file: { encoding: string | null };
}
interface Report { importId: number; rowsRead: number; rowsImported: number; rowsUnchanged: number; rowsRejected: number; rejectedByReason: Record<string, number> }

const isXlsx = (f: File) => /\.xlsx?$/i.test(f.name);

/** The server's `map` option: "field=header,…" for the fields given a column; undefined when none. */
const mapOption = (map: Record<string, string>): string | undefined =>
  Object.entries(map).filter(([, h]) => h).map(([field, h]) => `${field}=${h}`).join(',') || undefined;

/** POST with upload progress (fetch has none). */
function upload(url: string, file: Blob, onProgress: (ratio: number) => void): Promise<Report> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      const body = JSON.parse(xhr.responseText || '{}') as Report & Problem;
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new ApiError({ ...body, status: xhr.status }));
    };
    xhr.onerror = () => reject(new Error('network error'));
    xhr.send(file);
  });
}

export default function ImportPage() {
  const { t, f } = useI18n();
  const { storeCode } = useStores();
  const [kind, setKind] = useState<Kind>('orders');
  const [encoding, setEncoding] = useState<(typeof ENCODINGS)[number]>('auto');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<Error | null>(null);

  const options = () => ({
    fileName: file?.name, encoding, ...(storeCode ? { store: storeCode } : {}),
    map: mapOption(mapping),
  });

  const loadPreview = async (f: File, map?: Record<string, string>) => {
    setError(null);
    try {
      const body = isXlsx(f) ? f : f.slice(0, PREVIEW_BYTES);
      const p = await api<Preview>(withQuery(`/api/imports/${kind}/preview`, { fileName: f.name, encoding, map: map ? mapOption(map) : undefined }), {
        method: 'POST', body, headers: { 'content-type': 'application/octet-stream' },
      });
      setPreview(p);
      if (!map) setMapping(p.columns.found);
    } catch (e) {
      setError(e as Error);
    }
  };

  const run = async () => {
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      setReport(await upload(withQuery(`/api/imports/${kind}`, options()), file, setProgress));
    } catch (e) {
      setError(e as Error);
    } finally {
      setProgress(null);
    }
  };

  const reset = () => { setFile(null); setPreview(null); setReport(null); setMapping({}); setError(null); };

  if (report) {
    return (
      <section aria-labelledby="import-title">
        <h1 id="import-title">{t('imports.report')}</h1>
        <dl className="facts card" data-testid="import-report">
          <dt>{t('imports.rowsRead')}</dt><dd>{f.int(report.rowsRead)}</dd>
          <dt>{t('imports.rowsImported')}</dt><dd data-testid="rows-imported">{f.int(report.rowsImported)}</dd>
          <dt>{t('imports.rowsUnchanged')}</dt><dd>{f.int(report.rowsUnchanged)}</dd>
          <dt>{t('imports.rowsRejected')}</dt><dd data-testid="rows-rejected">{f.int(report.rowsRejected)}</dd>
          {Object.entries(report.rejectedByReason).map(([reason, n]) => <Fragment key={reason}><dt>{reason}</dt><dd>{f.int(n)}</dd></Fragment>)}
        </dl>
        {report.rowsRejected > 0 && <p><a href={`/api/imports/${report.importId}/rejects.csv`} download>{t('imports.rejects')}</a></p>}
        <button type="button" onClick={reset}>{t('imports.again')}</button>
      </section>
    );
  }

  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">{t('imports.title')}</h1>
      <div className="card form-row">
        <label>{t('imports.kind')}
          <select value={kind} onChange={(e) => { setKind(e.target.value as Kind); setPreview(null); }}>
            {KINDS.map((k) => <option key={k} value={k}>{t(`imports.kinds.${k}`)}</option>)}
          </select>
        </label>
        <label>{t('imports.encoding')}
          <select value={encoding} onChange={(e) => setEncoding(e.target.value as (typeof ENCODINGS)[number])}>
            {ENCODINGS.map((x) => <option key={x} value={x}>{x === 'auto' ? t('imports.auto') : x.toUpperCase()}</option>)}
          </select>
        </label>
        <label>{t('imports.file')}
          <input type="file" accept=".csv,.tsv,.txt,.gz,.xlsx" data-testid="import-file"
            onChange={(e) => { const fl = e.target.files?.[0] ?? null; setFile(fl); setPreview(null); if (fl) void loadPreview(fl); }} />
        </label>
      </div>
      {error && <ErrorNote error={error} />}
      {preview && (
        <>
          <div className="card">
            <h2>{t('imports.mapping')}</h2>
            <div className="mapping">
              {preview.fields.map((field) => (
                <label key={field} className={preview.columns.missing.some((m) => m.split('|').includes(field)) ? 'missing' : undefined}>
                  <span className="mono">{field}</span>
                  <select value={mapping[field] ?? ''} onChange={(e) => setMapping({ ...mapping, [field]: e.target.value })}>
                    <option value="">{t('imports.unmapped')}</option>
                    {preview.columns.headers.filter(Boolean).map((h) => <option key={h} value={h}>{h}</option>)}
                  </select>
                </label>
              ))}
            </div>
            {file && <button type="button" onClick={() => void loadPreview(file, mapping)}>{t('imports.preview')}</button>}
          </div>
          <div className="card">
            <h2>{t('imports.sample')}</h2>
            <div className="table-wrap">
              <table data-testid="import-preview">
                <thead><tr><th scope="col">#</th>{preview.columns.headers.map((h, i) => <th scope="col" key={i}>{h}</th>)}<th scope="col">✓</th></tr></thead>
                <tbody>
                  {preview.rows.map((r) => (
                    <tr key={r.lineNo} className={r.ok ? undefined : 'rejected'}>
                      <td>{r.lineNo}</td>{r.fields.map((v, i) => <td key={i}>{v}</td>)}<td title={r.detail ?? undefined}>{r.ok ? '✓' : r.reason ?? '✗'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          <button type="button" className="primary" disabled={progress !== null || preview.columns.missing.length > 0} onClick={() => void run()} data-testid="import-run">
            {progress === null ? t('imports.run') : `${t('imports.running')} ${f.pct(progress, 0)}`}
          </button>
        </>
      )}
    </section>
  );
}
