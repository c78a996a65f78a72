# The k-means bench's baseline: scikit-learn's KMeans on the very points the bench clustered (written by
# bench/kmeans.bench.ts as float64, n × d, row-major), k-means++ with n_init restarts, Lloyd, tol 1e-4 —
# scikit-learn's defaults. One JSON line per k: wall and CPU seconds (all threads), inertia, iterations.
# Run by the bench when a python3 with scikit-learn is found (Debian: apt-get install python3-sklearn).
import json
import sys
import time

import numpy as np
from sklearn.cluster import KMeans

path, n, d, n_init = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
ks = [int(k) for k in sys.argv[5].split(',')]
X = np.fromfile(path, dtype=np.float64).reshape(n, d)
KMeans(n_clusters=2, n_init=1, random_state=0).fit(X[:1000])  # load the compiled parts before timing
for k in ks:
    wall, cpu = time.perf_counter(), time.process_time()
    model = KMeans(n_clusters=k, n_init=n_init, init='k-means++', algorithm='lloyd', tol=1e-4, random_state=0).fit(X)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(json.dumps({'k': k, 'wall': wall, 'cpu': cpu, 'inertia': float(model.inertia_), 'iterations': int(model.n_iter_)}), flush=True)
