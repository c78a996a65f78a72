// Use-case: k-means clusters of the customers as of a date (domain/segments/kmeans.ts does the work),
// reported like the other schemes: {segments: [{name, count, …}], …} plus k, silhouette and centres.
import type { Kysely } from 'kysely';
import { clusterCustomers, type ClusterInput } from '../domain/segments/kmeans.ts';
import type { DB } from '../store/schema.ts';
import { loadPopulation, type SegmentRequest } from './segments.ts';

export interface ClusterRequest extends SegmentRequest { k?: number; seed?: number; restarts?: number }

export interface ClusterReport {
  scheme: 'clusters'; asOf: string; store: string | null; source: 'summary' | 'activity';
  /** Customers with an order in the window (the ones clustered). */
  customers: number;
  k: number; silhouette: number; inertia: number; features: string[];
  segments: { name: string; label: { en: string; zh: string }; count: number; centroid: Record<string, number> }[];
}

export async function computeClusters(db: Kysely<DB>, req: ClusterRequest): Promise<ClusterReport> {
  const p = await loadPopulation(db, req, { costAndUnits: true, behaviour: false });
  const recency = p.evaluation.field('recencyDays');
  const margin = p.evaluation.field('marginMinor');
  const rows: ClusterInput[] = [];
  p.evaluation.input.facts.forEach((f, i) => {
    if (f.orders > 0) rows.push({ id: f.id, recencyDays: recency(i) as number, orders: f.orders, netMinor: f.netMinor, marginMinor: margin(i) as number | null, categories: f.categories });
  });
  const head = { scheme: 'clusters' as const, asOf: p.asOf, store: p.store, source: p.source, customers: rows.length };
  if (rows.length === 0) return { ...head, k: 0, silhouette: 0, inertia: 0, features: [], segments: [] };
  const r = clusterCustomers(rows, { ...(req.k === undefined ? {} : { k: req.k }), seed: req.seed ?? 1, ...(req.restarts === undefined ? {} : { restarts: req.restarts }) });
  return {
    ...head, k: r.k, silhouette: r.silhouette, inertia: r.inertia, features: r.features,
    segments: r.clusters.map((c) => ({ name: `cluster_${c.index}`, label: c.description, count: c.size, centroid: c.centroid })),
  };
}
