import type { App, Deps } from '../context.ts';

export function reportsRoutes(_app: App, _deps: Deps): void {
  // filled in
}
