// A dense matrix of points for k-means: n rows of d coordinates, flat and row-major in one Float64Array,
// so the inner loops read memory in order and allocate nothing.

export interface Points {
  /** Row i, coordinate j is at `data[i * d + j]`. */
  readonly data: Float64Array;
  readonly n: number;
  readonly d: number;
}

/** Squared Euclidean distance between row i of `a` and row j of `b`, both with d coordinates. */
export function distance2(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let sum = 0;
  for (let t = 0, p = i * d, q = j * d; t < d; t++) {
    const diff = a[p + t]! - b[q + t]!;
    sum += diff * diff;
  }
  return sum;
}

/** Sum of squared distances from each point to the centre it is assigned to (k-means' objective). */
export function inertiaOf(points: Points, centres: Float64Array, assignments: Int32Array): number {
  let sum = 0;
  for (let i = 0; i < points.n; i++) sum += distance2(points.data, i, centres, assignments[i]!, points.d);
  return sum;
}
