import type { App, Deps } from '../context.ts';

export function modelsRoutes(_app: App, _deps: Deps): void {
  // filled in
}
