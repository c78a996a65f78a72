import type { App, Deps } from '../context.ts';

export function segmentsRoutes(_app: App, _deps: Deps): void {
  // filled in
}
