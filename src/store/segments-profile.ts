// Birth date and gender of every customer not merged away, in id order, as columns: ids in a typed
// array, the text as codes into one table of distinct strings (a million customers share tens of
// thousands of birth dates and a few genders). Columns cross from a worker thread without copying a
// million strings (segments-side.worker.ts), and align with the facts by one merge on the ids.
import type { CompiledQuery, Kysely } from 'kysely';
import type { DB } from './schema.ts';
import type { Cell } from './segments-read.ts';

export interface Profiles {
  ids: Float64Array;
  /** Index into `strings`, −1 for null. */
  birthDate: Int32Array;
  gender: Int32Array;
  strings: string[];
}

/** The profile query: rows [id, birth_date, gender] in id order. */
export const profileQuery = (db: Kysely<DB>): CompiledQuery =>
  db.selectFrom('customers').select(['id', 'birth_date', 'gender']).where('merged_into_id', 'is', null).orderBy('id').compile();

/** Collects profile rows into columns. */
export function profileBuilder(): { add(row: Cell[]): void; finish(): Profiles } {
  let capacity = 1024, length = 0;
  let ids = new Float64Array(capacity), birth = new Int32Array(capacity), gender = new Int32Array(capacity);
  const strings: string[] = [];
  const codes = new Map<string, number>();
  const code = (s: Cell): number => {
    if (s === null) return -1;
    let c = codes.get(String(s));
    if (c === undefined) { codes.set(String(s), (c = strings.length)); strings.push(String(s)); }
    return c;
  };
  return {
    add(row) {
      if (length === capacity) {
        capacity *= 2;
        const grow = <A extends Float64Array | Int32Array>(a: A, b: A): A => { b.set(a); return b; };
        ids = grow(ids, new Float64Array(capacity)); birth = grow(birth, new Int32Array(capacity)); gender = grow(gender, new Int32Array(capacity));
      }
      ids[length] = Number(row[0]); birth[length] = code(row[1]!); gender[length] = code(row[2]!);
      length++;
    },
    finish: () => ({ ids: ids.slice(0, length), birthDate: birth.slice(0, length), gender: gender.slice(0, length), strings }),
  };
}
